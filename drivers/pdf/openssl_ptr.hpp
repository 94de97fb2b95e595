#pragma once

#include <string>

#include "kiosk/crypto/openssl_handles.hpp"

namespace kiosk::pdf {

// The last OpenSSL error queue entry as text, and the queue cleared, so that
// one failure does not leak into the next operation's diagnostics.
std::string take_openssl_error();

}  // namespace kiosk::pdf
