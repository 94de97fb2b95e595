#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/application.hpp"
#include "kiosk/core/chip_access.hpp"
#include "kiosk/core/citizen.hpp"
#include "kiosk/core/error.hpp"
#include "kiosk/core/language.hpp"
#include "kiosk/core/procedure.hpp"
#include "kiosk/core/reuse_rule.hpp"
#include "kiosk/core/screen.hpp"
#include "kiosk/core/signature_verdict.hpp"
#include "kiosk/core/vault_item.hpp"

namespace kiosk {

enum class EndReason { None, Finished, Idle, CardRemoved, ConsentDeclined, Ended };

struct DocumentPreview {
  std::string item_code;
  std::vector<std::uint8_t> pdf;
  bool loaded = false;
  SignatureVerdict verdict = SignatureVerdict::Unreadable;
  std::string signer;
  std::string for_component;  // set when the citizen may take it for a component

  [[nodiscard]] bool signature_valid() const { return loaded && verdict == SignatureVerdict::Valid; }
};

// Everything a screen may show. Owned by the Session; every personal field
// is wiped when the session ends.
struct SessionView {
  Screen screen = Screen::Attract;
  Language language = Language::Vietnamese;
  bool large_text = false;
  bool audio = false;
  std::string staff_name;                // non-empty: staff bar visible
  std::optional<int> idle_seconds_left;  // the idle warning with its countdown
  bool card_removed_prompt = false;      // card pulled mid-session: continue or end?
  bool card_present = false;
  std::optional<Error> error;
  bool busy = false;
  int progress_percent = 0;
  EndReason ended = EndReason::None;
  // Applications waiting in the outbox, for staff; no personal data, kept
  // across sessions.
  std::int64_t outbox_pending = 0;
  std::int64_t outbox_held = 0;
  // What keeps the kiosk out of service (Screen::OutOfService), for technicians.
  std::vector<std::string> out_of_service;

  std::optional<ChipAccessInputs> chip_access;
  VerifiedIdentity identity;
  std::vector<std::uint8_t> face_rgba;
  int face_width = 0;
  int face_height = 0;

  std::vector<VaultItem> vault;
  std::string vault_query;
  DocumentPreview preview;
  std::vector<std::string> reported_items;  // codes whose report reached the issuing agency

  std::vector<Procedure> procedures;
  std::string procedure_query;
  std::optional<Procedure> procedure;
  std::vector<ComponentPlan> plans;
  std::string active_component;  // being chosen or scanned
  ApplicationDraft draft;
  // From the chosen case's working days; the receipt's date is the server's.
  std::optional<CivilDate> expected_appointment;

  std::optional<SubmissionReceipt> receipt;
  std::vector<DossierStatus> lookup_results;
  std::string lookup_query;
  int rating = 0;

  // Procedures matching the query (with or without diacritics), most used first.
  [[nodiscard]] std::vector<const Procedure*> visible_procedures() const;
  [[nodiscard]] std::vector<const VaultItem*> visible_vault() const;
  [[nodiscard]] const ComponentPlan* plan_for(const std::string& component_id) const;
  [[nodiscard]] bool reported(const std::string& item_code) const;
  [[nodiscard]] const ProcedureCase* chosen_case() const;
};

}  // namespace kiosk
