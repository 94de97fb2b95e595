#include "kiosk/core/utf8.hpp"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

TEST(Utf8, DecodesVietnameseAndAstralCodePoints) {
  EXPECT_EQ(decode_utf8("Việt Nam ₫"), U"Việt Nam ₫");
  EXPECT_EQ(decode_utf8("\xF0\x9F\x98\x80"), U"\U0001F600");
  EXPECT_EQ(decode_utf8(""), U"");
}

TEST(Utf8, InvalidUtf8BecomesReplacement) {
  EXPECT_EQ(decode_utf8("a\xFF"
                        "b"),
            U"a\uFFFDb");
  EXPECT_EQ(decode_utf8("\xE1\xBA"), U"\uFFFD");                            // truncated
  EXPECT_EQ(decode_utf8("\xC0\xAF"), U"\uFFFD\uFFFD");                      // overlong
  EXPECT_EQ(decode_utf8("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");            // surrogate
  EXPECT_EQ(decode_utf8("\xF4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // above U+10FFFF
  // A truncated sequence before more text is one replacement, not one per byte.
  EXPECT_EQ(decode_utf8("\xE1\xBA"
                        "b"),
            U"\uFFFDb");
}

TEST(Utf8, CheckedDecodingRejectsIllFormedSequences) {
  EXPECT_EQ(decode_utf8_checked("Việt Nam"), U"Việt Nam");
  EXPECT_FALSE(decode_utf8_checked("\xC0\x80").has_value());          // overlong NUL
  EXPECT_FALSE(decode_utf8_checked("\xE0\x80\xAF").has_value());      // overlong '/'
  EXPECT_FALSE(decode_utf8_checked("\xED\xB0\x80").has_value());      // surrogate
  EXPECT_FALSE(decode_utf8_checked("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
  EXPECT_FALSE(decode_utf8_checked("\x80").has_value());
  EXPECT_FALSE(decode_utf8_checked("\xE1\xBB").has_value());  // truncated
}

TEST(Utf8, EncodesEveryLength) {
  EXPECT_EQ(encode_utf8(U"a\u00E0\u1EA1\U0001F600"), "a\xC3\xA0\xE1\xBA\xA1\xF0\x9F\x98\x80");
  std::string out = "x";
  append_utf8(out, U'đ');
  EXPECT_EQ(out, "x\xC4\x91");
  EXPECT_EQ(encode_utf8(decode_utf8("Tiếng Việt ₫")), "Tiếng Việt ₫");
}

}  // namespace
}  // namespace kiosk
