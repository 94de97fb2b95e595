#include "kiosk/store/key_wrapper.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace kiosk::store {
namespace {

constexpr std::string_view kWrapContext = "kiosk outbox data key";

}  // namespace

Result<Key256> read_secret(const std::string& path) {
  Key256 kek{};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Error{errno == ENOENT ? ErrorCode::InvalidInput : ErrorCode::Internal,
                 std::string("device key file: ") + std::strerror(errno)};
  }
  const ssize_t n = ::read(fd, kek.data(), kek.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(kek.size())) {
    return Error{ErrorCode::StorageCorrupt, "device key file is not 32 bytes"};
  }
  return kek;
}

Result<Key256> read_or_create_secret(const std::string& path) {
  if (auto existing = read_secret(path); existing || existing.error().code != ErrorCode::InvalidInput) {
    return existing;
  }
  Key256 kek{};
  const Bytes fresh = random_bytes(kek.size());
  std::copy(fresh.begin(), fresh.end(), kek.begin());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error{ErrorCode::Internal, std::string("device key file: ") + std::strerror(errno)};
  }
  const bool written =
      ::write(fd, kek.data(), kek.size()) == static_cast<ssize_t>(kek.size()) && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    return Error{saved == ENOSPC ? ErrorCode::DiskFull : ErrorCode::Internal, "cannot write device key file"};
  }
  return kek;
}

Result<FileKeyWrapper> FileKeyWrapper::open(const std::string& path) {
  auto kek = read_or_create_secret(path);
  if (!kek) {
    return kek.error();
  }
  return FileKeyWrapper(*kek);
}

Result<Bytes> FileKeyWrapper::wrap(const Key256& data_key) {
  return seal(kek_, data_key, kWrapContext);
}

Result<Key256> FileKeyWrapper::unwrap(const Bytes& wrapped) {
  auto plain = open_sealed(kek_, wrapped, kWrapContext);
  if (!plain) {
    return plain.error();
  }
  if (plain->size() != 32) {
    return Error{ErrorCode::StorageCorrupt, "wrapped key has the wrong size"};
  }
  Key256 key{};
  std::copy(plain->begin(), plain->end(), key.begin());
  std::fill(plain->begin(), plain->end(), 0);
  return key;
}

}  // namespace kiosk::store
