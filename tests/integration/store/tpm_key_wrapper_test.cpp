#include "kiosk/store/tpm_key_wrapper.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/store/device_key.hpp"
#include "kiosk/store/outbox.hpp"
#include "swtpm_process.hpp"
#include "temp_dir.hpp"

namespace kiosk::store {
namespace {

Key256 key_of(std::uint8_t seed) {
  Key256 key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<std::uint8_t>(seed + i * 7);
  }
  return key;
}

class TpmKeyWrapperTest : public ::testing::Test {
 protected:
  test::TempDir dir_;
  std::filesystem::path tpm_dir(const std::string& name) const {
    return std::filesystem::path(dir_.file(name));
  }
};

TEST_F(TpmKeyWrapperTest, UnwrapsWhatItSealedAcrossConnectionsAndTpmRestarts) {
  const Key256 data = key_of(0x31);
  Bytes wrapped;
  {
    test::SwtpmProcess tpm(tpm_dir("a"));
    auto wrapper = TpmKeyWrapper::open(tpm.tcti());
    ASSERT_TRUE(wrapper.ok()) << wrapper.error().detail;
    auto sealed = wrapper->wrap(data);
    ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
    wrapped = *sealed;
    EXPECT_EQ(std::search(wrapped.begin(), wrapped.end(), data.begin(), data.end()), wrapped.end())
        << "the data key must not appear in the blob";
    auto again = TpmKeyWrapper::open(tpm.tcti());
    ASSERT_TRUE(again.ok());
    auto unwrapped = again->unwrap(wrapped);
    ASSERT_TRUE(unwrapped.ok()) << unwrapped.error().detail;
    EXPECT_EQ(*unwrapped, data);
  }
  // Power cycle: same TPM state, the parent is derived again.
  test::SwtpmProcess restarted(tpm_dir("a"));
  auto wrapper = TpmKeyWrapper::open(restarted.tcti());
  ASSERT_TRUE(wrapper.ok()) << wrapper.error().detail;
  auto unwrapped = wrapper->unwrap(wrapped);
  ASSERT_TRUE(unwrapped.ok()) << unwrapped.error().detail;
  EXPECT_EQ(*unwrapped, data);
}

TEST_F(TpmKeyWrapperTest, AnotherTpmCannotUnwrap) {
  test::SwtpmProcess home(tpm_dir("home"));
  test::SwtpmProcess stranger(tpm_dir("stranger"));
  auto sealed = TpmKeyWrapper::open(home.tcti())->wrap(key_of(5));
  ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
  auto other = TpmKeyWrapper::open(stranger.tcti());
  ASSERT_TRUE(other.ok()) << other.error().detail;
  auto unwrapped = other->unwrap(*sealed);
  ASSERT_FALSE(unwrapped.ok());
  EXPECT_EQ(unwrapped.error().code, ErrorCode::DeviceKeyMismatch) << unwrapped.error().detail;
}

TEST_F(TpmKeyWrapperTest, AbsentTpmIsATypedError) {
  auto wrapper = TpmKeyWrapper::open("swtpm:path=" + dir_.file("no-such.sock"));
  ASSERT_FALSE(wrapper.ok());
  EXPECT_EQ(wrapper.error().code, ErrorCode::DeviceKeyUnavailable) << wrapper.error().detail;

  // The TPM goes away after start-up.
  Bytes sealed;
  std::optional<TpmKeyWrapper> kept;
  {
    test::SwtpmProcess tpm(tpm_dir("gone"));
    auto opened = TpmKeyWrapper::open(tpm.tcti());
    ASSERT_TRUE(opened.ok());
    kept.emplace(std::move(*opened));
    sealed = *kept->wrap(key_of(9));
  }
  auto unwrapped = kept->unwrap(sealed);
  ASSERT_FALSE(unwrapped.ok());
  EXPECT_EQ(unwrapped.error().code, ErrorCode::DeviceKeyUnavailable) << unwrapped.error().detail;
}

TEST_F(TpmKeyWrapperTest, DamagedBlobsAreStorageCorrupt) {
  test::SwtpmProcess tpm(tpm_dir("t"));
  auto wrapper = TpmKeyWrapper::open(tpm.tcti());
  ASSERT_TRUE(wrapper.ok());
  auto sealed = wrapper->wrap(key_of(1));
  ASSERT_TRUE(sealed.ok());
  for (const Bytes& bad : {Bytes{}, Bytes(3, 'K'), Bytes(sealed->begin(), sealed->end() - 1), [&] {
                             Bytes longer = *sealed;
                             longer.push_back(0);
                             return longer;
                           }()}) {
    auto unwrapped = wrapper->unwrap(bad);
    ASSERT_FALSE(unwrapped.ok());
    EXPECT_EQ(unwrapped.error().code, ErrorCode::StorageCorrupt) << unwrapped.error().detail;
  }
  // A flipped bit in the encrypted private part fails the TPM's integrity check.
  Bytes flipped = *sealed;
  flipped[flipped.size() - 5] ^= 0x40;
  auto unwrapped = wrapper->unwrap(flipped);
  ASSERT_FALSE(unwrapped.ok());
  EXPECT_NE(unwrapped.error().code, ErrorCode::DeviceKeyUnavailable);
}

TEST_F(TpmKeyWrapperTest, OutboxSealedToTheTpmOpensOnlyThere) {
  test::SwtpmProcess home(tpm_dir("home"));
  const Bytes application{'h', 'o', ' ', 's', 'o'};
  std::string reference;
  {
    auto wrapper = TpmKeyWrapper::open(home.tcti());
    ASSERT_TRUE(wrapper.ok());
    auto outbox = Outbox::open(dir_.file("outbox.db"), *wrapper);
    ASSERT_TRUE(outbox.ok()) << outbox.error().detail;
    auto put = (*outbox)->put(application, 1700000000);
    ASSERT_TRUE(put.ok());
    reference = *put;
  }
  {
    auto wrapper = TpmKeyWrapper::open(home.tcti());
    ASSERT_TRUE(wrapper.ok());
    auto outbox = Outbox::open(dir_.file("outbox.db"), *wrapper);
    ASSERT_TRUE(outbox.ok()) << outbox.error().detail;
    auto read = (*outbox)->read(reference);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, application);
  }
  test::SwtpmProcess stranger(tpm_dir("stranger"));
  auto wrapper = TpmKeyWrapper::open(stranger.tcti());
  ASSERT_TRUE(wrapper.ok());
  auto outbox = Outbox::open(dir_.file("outbox.db"), *wrapper);
  ASSERT_FALSE(outbox.ok());
  EXPECT_EQ(outbox.error().code, ErrorCode::DeviceKeyMismatch);
}

TEST_F(TpmKeyWrapperTest, ConfiguredDeviceKeyPicksTheWrapper) {
  test::SwtpmProcess tpm(tpm_dir("cfg"));
  auto sealed_by_tpm = open_device_key("tpm:" + tpm.tcti());
  ASSERT_TRUE(sealed_by_tpm.ok()) << sealed_by_tpm.error().detail;
  auto file = open_device_key("file:" + dir_.file("outbox.key"));
  ASSERT_TRUE(file.ok()) << file.error().detail;
  const Key256 data = key_of(77);
  auto by_tpm = (*sealed_by_tpm)->wrap(data);
  auto by_file = (*file)->wrap(data);
  ASSERT_TRUE(by_tpm.ok() && by_file.ok());
  EXPECT_EQ(*(*sealed_by_tpm)->unwrap(*by_tpm), data);
  EXPECT_EQ(*(*file)->unwrap(*by_file), data);
  EXPECT_FALSE((*file)->unwrap(*by_tpm).ok());

  for (const char* bad : {"", "file:", "pkcs11:token=kiosk", "/var/lib/kiosk/outbox.key"}) {
    auto opened = open_device_key(bad);
    ASSERT_FALSE(opened.ok()) << bad;
    EXPECT_EQ(opened.error().code, ErrorCode::InvalidInput) << bad;
  }
  auto absent = open_device_key("tpm:swtpm:path=" + dir_.file("none.sock"));
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().code, ErrorCode::DeviceKeyUnavailable);
}

}  // namespace
}  // namespace kiosk::store
