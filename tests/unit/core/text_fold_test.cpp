#include "kiosk/core/text_fold.hpp"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

TEST(TextFold, RemovesVietnameseDiacritics) {
  EXPECT_EQ(fold_vietnamese("Đăng ký khai sinh"), "dang ky khai sinh");
  EXPECT_EQ(fold_vietnamese("CHỨNG THỰC Bản Sao"), "chung thuc ban sao");
  // Decomposed input (base letter + combining marks) folds the same.
  EXPECT_EQ(fold_vietnamese("Hu\xCC\x9B\xCC\x80ng"), "hung");
}

TEST(TextFold, SurvivesMalformedUtf8) {
  EXPECT_EQ(fold_vietnamese("a\xFF"
                            "b\xE1"),
            "a b ");
}

TEST(TextFold, SearchMatchesWordPrefixesWithOrWithoutMarks) {
  EXPECT_TRUE(matches_search("Đăng ký kết hôn", "ket hon"));
  EXPECT_TRUE(matches_search("Đăng ký kết hôn", "đăng kế"));
  EXPECT_FALSE(matches_search("Đăng ký kết hôn", "khai sinh"));
  EXPECT_TRUE(matches_search("Đăng ký kết hôn", ""));
}

}  // namespace
}  // namespace kiosk
