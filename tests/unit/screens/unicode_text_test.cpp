#include "screens/unicode_text.hpp"

#include <gtest/gtest.h>

namespace kiosk::ui {
namespace {

TEST(UnicodeText, NormalisesDecomposedVietnameseToPrecomposed) {
  // "Việt" with e + circumflex + dot below, and with the marks in the other order.
  EXPECT_EQ(to_nfc("Vi\x65\xcc\x82\xcc\xa3t"), "Việt");
  EXPECT_EQ(to_nfc("Vi\x65\xcc\xa3\xcc\x82t"), "Việt");
  EXPECT_EQ(to_nfc("Ho\xcc\x80\x61"), "Hòa");
  EXPECT_EQ(to_nfc("\x6f\xcc\x9b\xcc\x81"), "ớ");
  EXPECT_EQ(to_nfc("already Đồng ₫"), "already Đồng ₫");
}

TEST(UnicodeText, MalformedBytesBecomeReplacementCharacters) {
  EXPECT_EQ(decode_utf8("a\xff"), (std::u32string{U'a', 0xFFFD}));
  EXPECT_EQ(decode_utf8("\xe1\xba"), (std::u32string{0xFFFD}));
  EXPECT_EQ(decode_utf8("\xc0\x80"), (std::u32string{0xFFFD}));  // overlong NUL
  EXPECT_EQ(encode_utf8(decode_utf8("Tiếng Việt ₫")), "Tiếng Việt ₫");
}

TEST(UnicodeText, DecomposesAndComposesLetters) {
  EXPECT_EQ(decompose(U'ệ'), (std::u32string{U'e', 0x323, 0x302}));
  EXPECT_EQ(compose(U'ơ', 0x301), U'ớ');
  EXPECT_EQ(compose(U'b', 0x301), 0u);
}

}  // namespace
}  // namespace kiosk::ui
