#include "drivers/qr/vietnamese_nfc.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "drivers/qr/utf8.hpp"

namespace kiosk::qr {
namespace {

std::string from_hex(const std::string& hex) {
  std::istringstream in(hex);
  std::vector<char32_t> cps;
  std::string word;
  while (in >> word) {
    cps.push_back(static_cast<char32_t>(std::stoul(word, nullptr, 16)));
  }
  return encode_utf8(cps);
}

// The expected values come from Python's unicodedata NFC, an implementation
// independent of ours.
TEST(VietnameseNfc, MatchesUnicodeNfcOnEveryVietnameseLetter) {
  std::ifstream file(KIOSK_SOURCE_DIR "/tests/unit/qr/data/nfc_cases.txt");
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
  // n + combining tilde is not Vietnamese: kept as is.
  EXPECT_EQ(compose_vietnamese("n\xCC\x83"), "n\xCC\x83");
  // A second tone mark cannot be composed; the first one is.
  EXPECT_EQ(compose_vietnamese("a\xCC\x81\xCC\x80"), "\xC3\xA1\xCC\x80");
  EXPECT_EQ(compose_vietnamese("\xFF"), "\xFF");
  EXPECT_EQ(compose_vietnamese(""), "");
}

TEST(Utf8, RejectsIllFormedSequences) {
  EXPECT_TRUE(decode_utf8("Việt Nam").has_value());
  EXPECT_FALSE(decode_utf8("\xC0\x80").has_value());          // overlong NUL
  EXPECT_FALSE(decode_utf8("\xE0\x80\xAF").has_value());      // overlong '/'
  EXPECT_FALSE(decode_utf8("\xED\xB0\x80").has_value());      // surrogate
  EXPECT_FALSE(decode_utf8("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
  EXPECT_FALSE(decode_utf8("\x80").has_value());
  EXPECT_FALSE(decode_utf8("\xE1\xBB").has_value());  // truncated
}

}  // namespace
}  // namespace kiosk::qr
