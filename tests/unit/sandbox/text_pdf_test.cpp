#include "sandbox/generator/text_pdf.hpp"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include "sandbox/generator/truetype_font.hpp"

namespace kiosk::sandbox {
namespace {

std::vector<std::uint8_t> font_file() {
  std::ifstream in("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(TrueTypeFont, MapsVietnameseLetters) {
  const TrueTypeFont font(font_file());
  for (const char32_t c : std::u32string(U"ẤẦẨẪẬđĐơƯữ₫")) {
    EXPECT_NE(font.glyph_for(c), 0) << static_cast<unsigned>(c);
  }
  EXPECT_GT(font.advance_1000(font.glyph_for(U'M')), font.advance_1000(font.glyph_for(U'i')));
}

TEST(TrueTypeFont, RefusesGarbage) {
  EXPECT_THROW(TrueTypeFont(std::vector<std::uint8_t>{1, 2, 3}), FontError);
  std::vector<std::uint8_t> header{0, 1, 0, 0, 0, 50};  // 50 tables announced, none present
  EXPECT_THROW(TrueTypeFont{header}, FontError);
}

TEST(TextPdf, PopplerExtractsTheVietnameseText) {
  const TrueTypeFont font(font_file());
  TextPdf pdf(font);
  pdf.new_page();
  pdf.centered(700, 18, "Giấy xác nhận tình trạng hôn nhân");
  pdf.wrapped(60, 650, 200, 12,
              "Họ, chữ đệm và tên: Trần Thị Bích Ngọc, Phường Nhơn Phú, Thành phố Quy Nhơn");
  const auto bytes = pdf.bytes("Thử nghiệm");
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      reinterpret_cast<const char*>(bytes.data()), static_cast<int>(bytes.size())));
  ASSERT_TRUE(doc);
  ASSERT_EQ(doc->pages(), 1);
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  const auto utf8 = page->text().to_utf8();
  const std::string text(utf8.begin(), utf8.end());
  EXPECT_NE(text.find("Giấy xác nhận tình trạng hôn nhân"), std::string::npos) << text;
  for (const char* word : {"Bích", "Ngọc", "Nhơn", "Thành"}) {
    EXPECT_NE(text.find(word), std::string::npos) << word << " in " << text;
  }
  const auto title = doc->info_key("Title").to_utf8();
  EXPECT_EQ(std::string(title.begin(), title.end()), "Thử nghiệm");
}

}  // namespace
}  // namespace kiosk::sandbox
