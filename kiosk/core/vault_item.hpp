#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/core/civil_date.hpp"

namespace kiosk {

enum class VaultItemKind { Result, InputPaper };  // "Kết quả giải quyết" or a digitized input paper

// One paper in the citizen's personal data vault (Kho dữ liệu cá nhân).
struct VaultItem {
  std::string code;  // Mã giấy tờ, e.g. 052090000495.KQ.G15.000021.02022024
  std::string name;  // Tên giấy tờ
  VaultItemKind kind = VaultItemKind::Result;
  std::string catalog_code;  // Danh mục giấy tờ code, what procedures ask for
  std::string catalog_name;
  std::string vault_type;  // Loại kho
  std::uint64_t file_size = 0;
  std::string owner_id;
  std::string decision_number;  // Số quyết định
  std::string summary;          // Trích yếu
  std::uint32_t times_used = 0;
  std::optional<CivilDate> valid_from;
  std::optional<CivilDate> valid_until;  // none: valid without limit
  std::string issuing_agency;
  std::optional<CivilDate> issue_date;
  std::string validity_scope;  // Phạm vi có hiệu lực, e.g. "Toàn quốc"
  bool revoked = false;
  // The provincial system's verdict: "valid", "expired", "revoked", or one
  // this kiosk does not know yet; empty when no server said.
  std::string status;
  std::string sha256;  // of the signed PDF, hex

  // The server's verdict wins over the kiosk's reading of the dates: it knows
  // of suspensions and corrections the dates do not show, and its clock is the
  // one of record. Only without a verdict do the dates decide.
  [[nodiscard]] bool valid_on(CivilDate day) const {
    if (revoked) {
      return false;
    }
    if (!status.empty()) {
      return status == "valid";
    }
    if (valid_from && day < *valid_from) {
      return false;
    }
    return !valid_until || day <= *valid_until;
  }
};

}  // namespace kiosk
