#include "screens/vietnamese_input.hpp"

#include <gtest/gtest.h>

namespace kiosk::ui {
namespace {

std::string typed(std::string_view keys, InputMethod method = InputMethod::Telex) {
  VietnameseComposer composer(method);
  for (const char c : keys) {
    composer.key(static_cast<char32_t>(c));
  }
  return composer.text();
}

TEST(Telex, ComposesShapesAndTones) {
  EXPECT_EQ(typed("tieengs vieetj"), "tiếng việt");
  EXPECT_EQ(typed("dduwowngf"), "đường");
  EXPECT_EQ(typed("nguowif"), "người");
  EXPECT_EQ(typed("Nguyeenx Vawn Awn"), "Nguyễn Văn Ăn");
  EXPECT_EQ(typed("khai sinh"), "khai sinh");
  EXPECT_EQ(typed("hoaf"), "hòa");
  EXPECT_EQ(typed("hofa"), "hòa");  // the tone follows the vowels as they are typed
  EXPECT_EQ(typed("toans"), "toán");
  EXPECT_EQ(typed("quas"), "quá");
  EXPECT_EQ(typed("gif"), "gì");
  EXPECT_EQ(typed("w"), "ư");
}

TEST(Telex, TypingAMarkTwiceUndoesIt) {
  EXPECT_EQ(typed("aaa"), "aa");
  EXPECT_EQ(typed("ass"), "as");
  EXPECT_EQ(typed("ddd"), "dd");
  EXPECT_EQ(typed("asz"), "a");
}

TEST(Vni, ComposesWithDigits) {
  EXPECT_EQ(typed("tie6ng1 vie65t", InputMethod::Vni), "tiếng việt");
  EXPECT_EQ(typed("d9u7o7ng2", InputMethod::Vni), "đường");
  EXPECT_EQ(typed("Ha2 No65i", InputMethod::Vni), "Hà Nội");
  EXPECT_EQ(typed("a81", InputMethod::Vni), "ắ");
  // A digit that marks nothing stays a digit.
  EXPECT_EQ(typed("12", InputMethod::Vni), "12");
  EXPECT_EQ(typed("so61 12", InputMethod::Vni), "số 12");
}

TEST(Composer, BackspaceAndExistingText) {
  VietnameseComposer composer;
  composer.reset("Xin chào");
  composer.key(U' ');
  for (const char c : std::string_view("banj")) {
    composer.key(static_cast<char32_t>(c));
  }
  EXPECT_EQ(composer.text(), "Xin chào bạn");
  composer.backspace();
  EXPECT_EQ(composer.text(), "Xin chào bạ");
  composer.backspace();
  composer.backspace();
  EXPECT_EQ(composer.text(), "Xin chào ");
  composer.wipe();
  EXPECT_EQ(composer.text(), "");
}

}  // namespace
}  // namespace kiosk::ui
