#include "kiosk/core/screen.hpp"

namespace kiosk {

std::string_view screen_name(Screen screen) {
  switch (screen) {
    case Screen::Attract:
      return "attract";
    case Screen::Identify:
      return "identify";
    case Screen::ChipAccess:
      return "chip_access";
    case Screen::ReadingCard:
      return "reading_card";
    case Screen::AwaitStaff:
      return "await_staff";
    case Screen::Consent:
      return "consent";
    case Screen::Home:
      return "home";
    case Screen::Vault:
      return "vault";
    case Screen::DocumentPreview:
      return "document_preview";
    case Screen::ReportItem:
      return "report_item";
    case Screen::Lookup:
      return "lookup";
    case Screen::LookupResult:
      return "lookup_result";
    case Screen::ProcedureSearch:
      return "procedure_search";
    case Screen::Components:
      return "components";
    case Screen::ChooseItem:
      return "choose_item";
    case Screen::Scan:
      return "scan";
    case Screen::ApplicantDetails:
      return "applicant_details";
    case Screen::Delivery:
      return "delivery";
    case Screen::Review:
      return "review";
    case Screen::Submitting:
      return "submitting";
    case Screen::Receipt:
      return "receipt";
    case Screen::Rating:
      return "rating";
    case Screen::SessionEnded:
      return "session_ended";
    case Screen::StaffLogin:
      return "staff_login";
    case Screen::OutOfService:
      return "out_of_service";
  }
  return "unknown";
}

}  // namespace kiosk
