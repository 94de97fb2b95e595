#include "kiosk/app/device_events.hpp"

#include "drivers/qr/cccd_payload.hpp"
#include "drivers/qr/mrz_inputs.hpp"
#include "drivers/qr/receipt_code.hpp"

namespace kiosk::app {
namespace {

std::optional<CivilDate> printed_date(const std::string& text) {
  // dd/mm/yyyy
  if (text.size() != 10 || text[2] != '/' || text[5] != '/') {
    return std::nullopt;
  }
  return CivilDate::from_ddmmyyyy(text.substr(0, 2) + text.substr(3, 2) + text.substr(6, 4));
}

CivilDate civil(const qr::CivilDate& date) {
  return CivilDate::from_ymd(date.year, static_cast<unsigned>(date.month), static_cast<unsigned>(date.day));
}

card::CivilDate card_date(const CivilDate& date) {
  return {date.year(), static_cast<int>(static_cast<unsigned>(date.ymd.month())),
          static_cast<int>(static_cast<unsigned>(date.ymd.day()))};
}

ErrorCode read_failure(card::ErrorCode code) {
  switch (code) {
    case card::ErrorCode::InvalidInput:
      return ErrorCode::InvalidInput;
    case card::ErrorCode::CardRemoved:
      return ErrorCode::CardRemoved;
    case card::ErrorCode::AccessDenied:
      return ErrorCode::CardAccessDenied;
    case card::ErrorCode::ChipAuthentication:
      return ErrorCode::CardNotGenuine;
    case card::ErrorCode::Cancelled:
      return ErrorCode::Cancelled;
    default:
      return ErrorCode::CardUnreadable;
  }
}

DeviceEvent verification(const card::AuthenticationResult& result) {
  using card::ChipCheck;
  using card::PassiveStatus;
  if (!result.passive.valid()) {
    const auto status = result.passive.status;
    const bool untrusted = status == PassiveStatus::NoTrustAnchor || status == PassiveStatus::DsUntrusted ||
                           status == PassiveStatus::DsExpired;
    return event::ChipReadFailed{
        {untrusted ? ErrorCode::CardUntrusted : ErrorCode::CardNotGenuine,
         "passive authentication: " + std::string(card::passive_status_name(status))}};
  }
  if (!result.genuine()) {
    return event::ChipReadFailed{{ErrorCode::CardNotGenuine, "active or chip authentication failed"}};
  }
  const bool chip_proved = result.active == ChipCheck::Passed || result.chip == ChipCheck::Passed;
  return event::ChipVerified{chip_proved ? ChipVerification::ChipGenuine : ChipVerification::PassiveOnly};
}

}  // namespace

CitizenIdentity citizen_identity(const card::CitizenData& data) {
  using F = card::CitizenField;
  CitizenIdentity citizen;
  citizen.id_number = data.get(F::IdNumber);
  citizen.old_id_number = data.get(F::OldIdNumber);
  citizen.full_name = data.get(F::FullName);
  citizen.date_of_birth = printed_date(data.get(F::DateOfBirth));
  citizen.sex = data.get(F::Sex);
  citizen.nationality = data.get(F::Nationality);
  citizen.ethnicity = data.get(F::Ethnicity);
  citizen.religion = data.get(F::Religion);
  citizen.place_of_origin = data.get(F::PlaceOfOrigin);
  citizen.place_of_residence = data.get(F::PlaceOfResidence);
  citizen.issue_date = printed_date(data.get(F::IssueDate));
  citizen.expiry_date = printed_date(data.get(F::ExpiryDate));
  return citizen;
}

card::MrzKey chip_key(const ChipAccessInputs& access) {
  const std::string expiry = access.expiry ? card::to_yymmdd(card_date(*access.expiry)) : "";
  return card::cccd_mrz_key(access.id_number, card::to_yymmdd(card_date(access.date_of_birth)), expiry);
}

std::optional<DeviceEvent> chip_event(card::CardEvent&& event) {
  return std::visit(
      [](auto& e) -> std::optional<DeviceEvent> {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, card::CardInserted>) {
          return event::CardPresented{};
        } else if constexpr (std::is_same_v<E, card::CardRemoved>) {
          return event::CardRemoved{};
        } else if constexpr (std::is_same_v<E, card::IdentityAvailable>) {
          event::ChipIdentityRead read{citizen_identity(e.citizen)};
          e.citizen.wipe();
          return read;
        } else if constexpr (std::is_same_v<E, card::FaceAvailable>) {
          const auto& face = e.face;
          const auto pixels = static_cast<std::size_t>(face.width) * static_cast<std::size_t>(face.height);
          if (face.width <= 0 || face.height <= 0 || face.rgb.size() != pixels * 3) {
            e.face.wipe();
            return std::nullopt;
          }
          event::ChipFaceRead read{std::vector<std::uint8_t>(pixels * 4), face.width, face.height};
          for (std::size_t i = 0; i < pixels; ++i) {
            read.rgba[i * 4] = face.rgb[i * 3];
            read.rgba[i * 4 + 1] = face.rgb[i * 3 + 1];
            read.rgba[i * 4 + 2] = face.rgb[i * 3 + 2];
            read.rgba[i * 4 + 3] = 0xff;
          }
          e.face.wipe();
          return read;
        } else if constexpr (std::is_same_v<E, card::AuthenticationFinished>) {
          return verification(e.result);
        } else {
          return event::ChipReadFailed{{read_failure(e.code), e.message}};
        }
      },
      event);
}

DeviceEvent qr_event(std::string_view payload) {
  if (const auto receipt = qr::parse_receipt_payload(payload)) {
    return event::DossierCodeRead{receipt.value().code};
  }
  // A pending receipt's QR: the outbox reference, KO- and 8 Crockford base-32 characters.
  if (payload.size() == 11 && payload.rfind("KO-", 0) == 0 &&
      payload.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 3) == std::string_view::npos) {
    return event::DossierCodeRead{std::string(payload)};
  }
  const auto parsed = qr::parse_cccd_payload(payload);
  if (!parsed) {
    const auto code = parsed.rejection().code;
    const bool not_cccd = code == qr::CccdRejection::kNotCccd || code == qr::CccdRejection::kTooLong;
    return event::QrRejected{{not_cccd ? ErrorCode::QrNotCccd : ErrorCode::QrUnreadable,
                              "QR refused: " + std::string(qr::to_string(code))}};
  }
  const auto& card = parsed.value();
  event::QrIdentity identity;
  identity.citizen.id_number = card.id;
  identity.citizen.old_id_number = card.old_id;
  identity.citizen.full_name = card.full_name;
  identity.citizen.date_of_birth = civil(card.date_of_birth);
  identity.citizen.sex = card.sex == qr::Sex::kFemale ? "Nữ" : "Nam";
  identity.citizen.nationality = "Việt Nam";
  identity.citizen.place_of_residence = card.address;
  identity.citizen.issue_date = civil(card.issue_date);
  const auto inputs = qr::mrz_inputs_from_qr(card);
  if (inputs.expiry) {
    identity.citizen.expiry_date = civil(*inputs.expiry);
  }
  identity.access.id_number = card.id;
  identity.access.date_of_birth = civil(card.date_of_birth);
  identity.access.expiry = identity.citizen.expiry_date;
  return identity;
}

}  // namespace kiosk::app
