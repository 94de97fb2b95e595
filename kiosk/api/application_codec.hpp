#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kiosk/core/application.hpp"
#include "kiosk/core/result.hpp"

namespace kiosk::api {

// The bytes an ApplicationDraft is kept as in the outbox: a length-prefixed
// JSON description followed by the scanned PDFs, so a 2 MB scan is not
// inflated by base64. decode() refuses anything malformed with StorageCorrupt.
std::vector<std::uint8_t> encode_application(const ApplicationDraft& draft);
Result<ApplicationDraft> decode_application(std::span<const std::uint8_t> bytes);

}  // namespace kiosk::api
