#pragma once

#include <string_view>

namespace kiosk {

// The steps of the journey; one question per screen.
enum class Screen {
  Attract,
  Identify,    // tap the card, show its QR, or ask staff
  ChipAccess,  // short form for the card's data when there is no QR
  ReadingCard,
  AwaitStaff,  // QR-only identity: staff must confirm before the vault opens
  Consent,
  Home,
  Vault,
  DocumentPreview,
  ReportItem,
  Lookup,
  LookupResult,
  ProcedureSearch,
  Components,
  ChooseItem,
  Scan,
  ApplicantDetails,
  Delivery,
  Review,
  Submitting,
  Receipt,
  Rating,
  SessionEnded,  // the session was wiped; short explanation, then attract
  StaffLogin,
  OutOfService,  // something an application needs is missing: no journey starts
};

std::string_view screen_name(Screen screen);

}  // namespace kiosk
