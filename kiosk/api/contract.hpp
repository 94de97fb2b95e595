#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/api/provincial_api.hpp"

// Reading the provincial API's answers: each function accepts exactly what
// sandbox/openapi.yaml promises (required members, types, patterns, sizes) and
// turns anything else into ErrorCode::BadResponse.
namespace kiosk::api::contract {

inline constexpr std::size_t kMaxJsonBody = std::size_t{4} << 20;

Result<CitizenRecord> parse_citizen(std::string_view body);
Result<std::vector<VaultItem>> parse_vault_item_list(std::string_view body);
Result<std::vector<ProcedureSummary>> parse_procedure_list(std::string_view body);
Result<ProcedureDetail> parse_procedure(std::string_view body);
Result<std::vector<Agency>> parse_agency_list(std::string_view body);
Result<DossierRef> parse_dossier(std::string_view body);
Status parse_dossier_component(std::string_view body);
Result<UploadState> parse_upload(std::string_view body);
Result<SubmissionReceipt> parse_receipt(std::string_view body);
Result<DossierStatus> parse_dossier_status(std::string_view body);
Result<std::vector<DossierStatus>> parse_dossier_status_list(std::string_view body);
Status parse_feedback(std::string_view body);
Status parse_rating(std::string_view body);
Status parse_notification_contact(std::string_view body);

// RFC 9457 problem document; tolerant, since it only refines an HTTP error.
struct Problem {
  std::string code;
  std::optional<std::uint64_t> offset;  // with upload_offset_mismatch
  std::optional<std::uint32_t> retry_after;
};
std::optional<Problem> parse_problem(std::string_view body);

// Request bodies.
std::string dossier_request_json(const DossierRequest& request);
std::string notification_contact_json(const NotificationContact& contact, const std::string& consent_text);
std::string_view feedback_reason_name(VaultFeedbackReason reason);

// Patterns of the contract, shared with the request side.
bool is_citizen_id(std::string_view text);
bool is_identifier(std::string_view text);
bool is_sha256_hex(std::string_view text);
bool is_component_id(std::string_view text);
bool is_dossier_code(std::string_view text);
bool is_vault_item_code(std::string_view text);
bool is_procedure_code(std::string_view text);

}  // namespace kiosk::api::contract
