#include "kiosk/store/device_key.hpp"

#include "kiosk/store/tpm_key_wrapper.hpp"

namespace kiosk::store {
namespace {

constexpr std::string_view kFile = "file:";
constexpr std::string_view kTpm = "tpm:";
constexpr std::string_view kKernelResourceManager = "device:/dev/tpmrm0";

}  // namespace

bool is_device_key_spec(std::string_view spec) {
  return (spec.starts_with(kFile) && spec.size() > kFile.size()) || spec.starts_with(kTpm);
}

Result<std::unique_ptr<KeyWrapper>> open_device_key(std::string_view spec) {
  if (!is_device_key_spec(spec)) {
    return Error{ErrorCode::InvalidInput, "device key must be file:PATH or tpm:TCTI"};
  }
  if (spec.starts_with(kFile)) {
    auto wrapper = FileKeyWrapper::open(std::string(spec.substr(kFile.size())));
    if (!wrapper) {
      return wrapper.error();
    }
    return std::unique_ptr<KeyWrapper>(std::make_unique<FileKeyWrapper>(std::move(*wrapper)));
  }
  const std::string_view tcti = spec.substr(kTpm.size());
  auto wrapper = TpmKeyWrapper::open(std::string(tcti.empty() ? kKernelResourceManager : tcti));
  if (!wrapper) {
    return wrapper.error();
  }
  return std::unique_ptr<KeyWrapper>(std::make_unique<TpmKeyWrapper>(std::move(*wrapper)));
}

}  // namespace kiosk::store
