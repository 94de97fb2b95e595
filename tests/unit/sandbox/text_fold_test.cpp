#include "sandbox/text_fold.hpp"

#include <gtest/gtest.h>

namespace kiosk::sandbox {
namespace {

TEST(TextFold, DropsVietnameseDiacriticsAndCase) {
  EXPECT_EQ(fold_for_search("Giấy xác nhận tình trạng hôn nhân"), "giay xac nhan tinh trang hon nhan");
  EXPECT_EQ(fold_for_search("ĐĂNG KÝ KHAI SINH"), "dang ky khai sinh");
  EXPECT_EQ(fold_for_search("Phiếu lý lịch tư pháp số 1"), "phieu ly lich tu phap so 1");
}

TEST(TextFold, HandlesDecomposedInput) {
  // "hôn" typed as o + combining circumflex
  EXPECT_EQ(fold_for_search("ho\xCC\x82n"), "hon");
}

TEST(TextFold, InvalidUtf8BecomesReplacement) {
  EXPECT_EQ(decode_utf8("a\xFF"
                        "b"),
            U"a\uFFFDb");
  EXPECT_EQ(decode_utf8("\xE1\xBA"), U"\uFFFD");                  // truncated
  EXPECT_EQ(decode_utf8("\xC0\xAF"), U"\uFFFD\uFFFD");            // overlong
  EXPECT_EQ(decode_utf8("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");  // surrogate
}

}  // namespace
}  // namespace kiosk::sandbox
