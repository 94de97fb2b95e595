#pragma once

#include <string>

#include "kiosk/store/key_wrapper.hpp"

namespace kiosk::store {

// Seals the outbox data key to this kiosk's TPM 2.0. The parent is a storage
// key re-derived on every use from the owner hierarchy's seed with a fixed
// template (ECC P-256), so nothing needs to be persisted in the TPM; the
// data key becomes a keyed-hash object whose public and private parts (the
// private part encrypted under the parent) form the wrapped blob. A disk
// copied to another machine cannot be unwrapped: the other TPM derives a
// different parent and refuses the blob (DeviceKeyMismatch).
//
// Commands run in a salted HMAC session with parameter encryption, so the
// data key never crosses the TPM bus in clear. Each wrap or unwrap opens its
// own connection and flushes what it loaded, which keeps working on a TPM
// without a resource manager (swtpm).
class TpmKeyWrapper final : public KeyWrapper {
 public:
  // `tcti` is a tpm2-tss TCTI configuration: "device:/dev/tpmrm0",
  // "swtpm:path=/run/swtpm/sock", "swtpm:host=127.0.0.1,port=2321", ….
  // DeviceKeyUnavailable when no TPM answers there.
  static Result<TpmKeyWrapper> open(const std::string& tcti);

  Result<Bytes> wrap(const Key256& data_key) override;
  // DeviceKeyMismatch: sealed by another TPM (or under another owner seed),
  // or the blob was altered: the TPM cannot tell the two apart;
  // StorageCorrupt: not a blob this wrapper made; DeviceKeyUnavailable: no TPM.
  Result<Key256> unwrap(const Bytes& wrapped) override;

 private:
  explicit TpmKeyWrapper(std::string tcti) : tcti_(std::move(tcti)) {}
  std::string tcti_;
};

}  // namespace kiosk::store
