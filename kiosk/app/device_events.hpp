#pragma once

#include <optional>
#include <string_view>

#include "drivers/card/card_reader_service.hpp"
#include "drivers/card/mrz_key.hpp"
#include "kiosk/core/chip_access.hpp"
#include "kiosk/core/citizen.hpp"
#include "kiosk/core/device_event.hpp"

namespace kiosk::app {

// Translations from what the drivers report to what the Session understands.
// Personal data is moved, never logged.

// DG13 of the chip; dates are printed dd/mm/yyyy, "Không thời hạn" has none.
CitizenIdentity citizen_identity(const card::CitizenData& data);

// The BAC/PACE key of the chip from the QR or the typed form. Throws
// card::CardError(InvalidInput) on malformed inputs.
card::MrzKey chip_key(const ChipAccessInputs& access);

// The Session's event for a card reader event; none for a face the driver
// could not decode.
std::optional<DeviceEvent> chip_event(card::CardEvent&& event);

// QrIdentity for a CCCD code, QrRejected otherwise.
DeviceEvent qr_event(std::string_view payload);

}  // namespace kiosk::app
