#pragma once

#include <string>

#include "kiosk/store/aead.hpp"

namespace kiosk::store {

// Wraps the outbox's data key under a key the device holds. This is the
// binding point to the hardware: on a production kiosk an implementation
// seals the data key with the TPM (tpm2-openssl, a key that never leaves the
// chip), so a copied disk cannot be read elsewhere. In development and tests
// FileKeyWrapper holds the key-encryption key in a 0600 file.
class KeyWrapper {
 public:
  virtual ~KeyWrapper() = default;
  virtual Result<Bytes> wrap(const Key256& data_key) = 0;
  virtual Result<Key256> unwrap(const Bytes& wrapped) = 0;
};

// Reads a 32-byte device secret from `path`, creating it (0600, fsynced)
// when missing.
Result<Key256> read_or_create_secret(const std::string& path);
// Reads an existing 32-byte device secret; InvalidInput when there is none.
Result<Key256> read_secret(const std::string& path);

class FileKeyWrapper final : public KeyWrapper {
 public:
  // Reads the 32-byte key-encryption key, creating it (0600) when missing.
  static Result<FileKeyWrapper> open(const std::string& path);

  Result<Bytes> wrap(const Key256& data_key) override;
  Result<Key256> unwrap(const Bytes& wrapped) override;

 private:
  explicit FileKeyWrapper(const Key256& kek) : kek_(kek) {}
  Key256 kek_;
};

}  // namespace kiosk::store
