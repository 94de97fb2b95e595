#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

enum class PaperForm { Original, Copy, Electronic };  // Bản chính, Bản sao, Bản điện tử

// One thành phần hồ sơ a procedure requires.
struct RequiredComponent {
  std::string id;
  std::string name;
  std::uint32_t quantity = 1;
  PaperForm form = PaperForm::Original;
  bool optional = false;
  std::vector<std::string> accepted_catalog_codes;  // vault catalog entries that satisfy it
};

// A trường hợp giải quyết: how the dossier is handled and how long it takes.
struct ProcedureCase {
  std::string id;
  std::string name;                   // e.g. "03 ngày làm việc - CÓ xác minh"
  std::uint32_t processing_days = 0;  // working days; 0 = the same day
};

// A thủ tục hành chính, e.g. 1.001193.000.00.00.H34 Đăng ký khai sinh.
struct Procedure {
  std::string code;
  std::string name;
  std::string field;     // Lĩnh vực
  std::string workflow;  // Quy trình
  std::string service_level;
  std::uint64_t fee_vnd = 0;
  std::uint32_t times_used = 0;  // how often this kiosk's province uses it, for ordering
  std::vector<ProcedureCase> cases;
  std::vector<RequiredComponent> components;
  // The agency that receives it at this kiosk's centre (cơ quan giải quyết).
  std::string agency_id;
  std::string agency_name;
};

}  // namespace kiosk
