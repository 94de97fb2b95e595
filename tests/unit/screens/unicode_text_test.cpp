#include "screens/unicode_text.hpp"

#include "kiosk/core/vietnamese_text.hpp"

#include <gtest/gtest.h>

namespace kiosk::ui {
namespace {

TEST(UnicodeText, NormalisesDecomposedVietnameseToPrecomposed) {
  // "Việt" with e + circumflex + dot below, and with the marks in the other order.
  EXPECT_EQ(compose_vietnamese("Vi\x65\xcc\x82\xcc\xa3t"), "Việt");
  EXPECT_EQ(compose_vietnamese("Vi\x65\xcc\xa3\xcc\x82t"), "Việt");
  EXPECT_EQ(compose_vietnamese("Ho\xcc\x80\x61"), "Hòa");
  EXPECT_EQ(compose_vietnamese("\x6f\xcc\x9b\xcc\x81"), "ớ");
  EXPECT_EQ(compose_vietnamese("already Đồng ₫"), "already Đồng ₫");
}

TEST(UnicodeText, DecomposesAndComposesLetters) {
  EXPECT_EQ(decompose(U'ệ'), (std::u32string{U'e', 0x323, 0x302}));
  EXPECT_EQ(compose(U'ơ', 0x301), U'ớ');
  EXPECT_EQ(compose(U'b', 0x301), 0u);
}

}  // namespace
}  // namespace kiosk::ui
