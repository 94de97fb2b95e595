#include "kiosk/core/vietnamese_text.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "kiosk/core/utf8.hpp"

namespace kiosk {
namespace {

std::string from_hex(const std::string& hex) {
  std::istringstream in(hex);
  std::u32string cps;
  std::string word;
  while (in >> word) {
    cps.push_back(static_cast<char32_t>(std::stoul(word, nullptr, 16)));
  }
  return encode_utf8(cps);
}

// The expected values come from Python's unicodedata NFC, an implementation
// independent of ours.
TEST(VietnameseNfc, MatchesUnicodeNfcOnEveryVietnameseLetter) {
  std::ifstream file(KIOSK_SOURCE_DIR "/tests/unit/core/data/nfc_cases.txt");
  ASSERT_TRUE(file) << "missing nfc_cases.txt";
  std::string line;
  int cases = 0;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const std::size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos);
    const std::string input = from_hex(line.substr(0, tab));
    const std::string expected = from_hex(line.substr(tab + 1));
    EXPECT_EQ(compose_vietnamese(input), expected) << line;
    ++cases;
  }
  EXPECT_GT(cases, 300);
}

TEST(VietnameseNfc, LeavesOtherTextAlone) {
  EXPECT_EQ(compose_vietnamese("Số 12, Đường 3/2"), "Số 12, Đường 3/2");
  // Letters of other languages get their NFC form too: n + combining tilde is ñ.
  EXPECT_EQ(compose_vietnamese("n\xCC\x83"), "\xC3\xB1");
  // A second tone mark cannot be composed; the first one is.
  EXPECT_EQ(compose_vietnamese("a\xCC\x81\xCC\x80"), "\xC3\xA1\xCC\x80");
  EXPECT_EQ(compose_vietnamese("\xFF"), "\xFF");
  EXPECT_EQ(compose_vietnamese(""), "");
}

TEST(TextFold, RemovesVietnameseDiacriticsAndCase) {
  EXPECT_EQ(fold_vietnamese("Đăng ký khai sinh"), "dang ky khai sinh");
  EXPECT_EQ(fold_vietnamese("CHỨNG THỰC Bản Sao"), "chung thuc ban sao");
  EXPECT_EQ(fold_vietnamese("Giấy xác nhận tình trạng hôn nhân"), "giay xac nhan tinh trang hon nhan");
  EXPECT_EQ(fold_vietnamese("ĐĂNG KÝ KHAI SINH"), "dang ky khai sinh");
  EXPECT_EQ(fold_vietnamese("Phiếu lý lịch tư pháp số 1"), "phieu ly lich tu phap so 1");
}

TEST(TextFold, HandlesDecomposedInput) {
  // Base letter + combining marks folds like the precomposed letter.
  EXPECT_EQ(fold_vietnamese("Hu\xCC\x9B\xCC\x80ng"), "hung");
  // "hôn" typed as o + combining circumflex
  EXPECT_EQ(fold_vietnamese("ho\xCC\x82n"), "hon");
}

TEST(TextFold, KeepsOtherCharacters) {
  EXPECT_EQ(fold_vietnamese("Phí 50.000 ₫ – Ω"), "phi 50.000 ₫ – Ω");
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
