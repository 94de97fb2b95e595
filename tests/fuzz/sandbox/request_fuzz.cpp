// Request bodies of the contract: whatever a client sends, the parsers answer
// with a value or a Problem, never a crash or another exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sandbox/fault.hpp"
#include "sandbox/problem.hpp"
#include "sandbox/request_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::sandbox;
  if (size == 0) {
    return 0;
  }
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 7) {
      case 0:
        parse_dossier_body(body);
        break;
      case 1:
        parse_feedback_body(body);
        break;
      case 2:
        parse_contact_body(body);
        break;
      case 3:
        parse_upload_body(body);
        break;
      case 4:
        parse_finish_body(body);
        break;
      case 5:
        parse_vault_attachment_body(body);
        break;
      default:
        faults_from_json(parse_json_object(body));
        break;
    }
  } catch (const Problem&) {
  }
  return 0;
}
