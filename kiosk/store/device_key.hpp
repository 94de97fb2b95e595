#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "kiosk/store/key_wrapper.hpp"

namespace kiosk::store {

// True when `spec` names a device key the kiosk knows how to open:
// "file:PATH" or "tpm:TCTI" (an empty TCTI is the kernel's resource manager).
bool is_device_key_spec(std::string_view spec);

// Opens the key that wraps the outbox data key, as configured by
// [store] key. InvalidInput for a spec of another kind; the wrapper's own
// errors otherwise (DeviceKeyUnavailable when the TPM does not answer).
Result<std::unique_ptr<KeyWrapper>> open_device_key(std::string_view spec);

}  // namespace kiosk::store
