#pragma once

#include <optional>
#include <string_view>

namespace kiosk::qr {

// Name of the province or centrally run city whose 3-digit code opens a
// personal identification number (the place where the birth was registered),
// or nullopt for a code no province has.
std::optional<std::string_view> province_name(std::string_view code);

}  // namespace kiosk::qr
