#include "kiosk/store/aead.hpp"

#include <gtest/gtest.h>

#include "kiosk/store/key_wrapper.hpp"
#include "temp_dir.hpp"

namespace kiosk::store {
namespace {

Key256 key_of(std::uint8_t fill) {
  Key256 k{};
  k.fill(fill);
  return k;
}

TEST(Aead, RoundTripsAndBindsAssociatedData) {
  const Bytes plain{1, 2, 3, 4, 5};
  auto sealed = seal(key_of(7), plain, "KO-1");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), plain.size() + 28);
  auto opened = open_sealed(key_of(7), *sealed, "KO-1");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, plain);
  EXPECT_EQ(open_sealed(key_of(7), *sealed, "KO-2").error().code, ErrorCode::StorageCorrupt);
  EXPECT_EQ(open_sealed(key_of(8), *sealed, "KO-1").error().code, ErrorCode::StorageCorrupt);
}

TEST(Aead, DetectsEveryFlippedByte) {
  const Bytes plain(40, 0x42);
  auto sealed = seal(key_of(1), plain, "x");
  ASSERT_TRUE(sealed.ok());
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    Bytes damaged = *sealed;
    damaged[i] ^= 0x01;
    EXPECT_FALSE(open_sealed(key_of(1), damaged, "x").ok()) << "byte " << i;
  }
  EXPECT_EQ(open_sealed(key_of(1), Bytes(10), "x").error().code, ErrorCode::StorageCorrupt);
}

TEST(Aead, SameInputSealsDifferentlyEachTime) {
  const Bytes plain{9, 9, 9};
  EXPECT_NE(*seal(key_of(3), plain, ""), *seal(key_of(3), plain, ""));
}

TEST(FileKeyWrapper, CreatesKeyOnceAndUnwrapsWhatItWrapped) {
  test::TempDir dir;
  auto first = FileKeyWrapper::open(dir.file("kek"));
  ASSERT_TRUE(first.ok());
  const Key256 data = key_of(0x5a);
  auto wrapped = first->wrap(data);
  ASSERT_TRUE(wrapped.ok());
  auto again = FileKeyWrapper::open(dir.file("kek"));
  ASSERT_TRUE(again.ok());
  auto unwrapped = again->unwrap(*wrapped);
  ASSERT_TRUE(unwrapped.ok());
  EXPECT_EQ(*unwrapped, data);

  test::TempDir other;
  auto stranger = FileKeyWrapper::open(other.file("kek"));
  ASSERT_TRUE(stranger.ok());
  EXPECT_EQ(stranger->unwrap(*wrapped).error().code, ErrorCode::StorageCorrupt);
}

}  // namespace
}  // namespace kiosk::store
