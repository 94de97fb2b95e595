#include "screens/catalog.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/core/error.hpp"
#include "kiosk/core/reuse_rule.hpp"
#include "kiosk/core/screen.hpp"
#include "kiosk/core/vietnamese_text.hpp"
#include "screens/unicode_text.hpp"

namespace kiosk::ui {
namespace {

const std::filesystem::path kSource = KIOSK_SOURCE_DIR;

TEST(Catalog, BothLanguagesHaveTheSameKeys) {
  EXPECT_NO_THROW(Catalog::load(kSource / "assets" / "i18n"));
}

TEST(Catalog, MissingKeyIsNamed) {
  try {
    Catalog::from_json(R"({"a": "A", "b": "B"})", R"({"a": "A"})");
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("\"b\""), std::string::npos) << error.what();
  }
  EXPECT_THROW(Catalog::from_json("[1]", "{}"), std::runtime_error);
  EXPECT_THROW(Catalog::from_json(R"({"a": 1})", R"({"a": 1})"), std::runtime_error);
}

TEST(Catalog, FormatsPlaceholdersAndNormalises) {
  const auto catalog = Catalog::from_json(R"({"hi": "Xin chào {name}"})", R"({"hi": "Hello {name}"})");
  EXPECT_EQ(catalog.format(Language::Vietnamese, "hi", {{"name", "An"}}), "Xin chào An");
  EXPECT_EQ(catalog.format(Language::English, "hi", {{"name", "An"}}), "Hello An");
  EXPECT_EQ(catalog.text(Language::English, "nope"), "nope");
  for (const auto& key : Catalog::load(kSource / "assets" / "i18n").keys()) {
    EXPECT_EQ(compose_vietnamese(key), key);
  }
}

// Every key the screens ask for exists, as do the per-screen titles and the
// message for every error code: no text is hard-coded in the screens.
TEST(Catalog, CoversEveryKeyTheScreensUse) {
  const auto catalog = Catalog::load(kSource / "assets" / "i18n");
  const std::regex call(R"re(\b(?:t|f|ui\.t|ui\.f)\("([a-z_]+\.[a-z_0-9.]+)")re");
  std::set<std::string> used;
  for (const auto& entry : std::filesystem::directory_iterator(kSource / "screens")) {
    if (entry.path().extension() != ".cpp") {
      continue;
    }
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (auto it = std::sregex_iterator(source.begin(), source.end(), call); it != std::sregex_iterator();
         ++it) {
      used.insert((*it)[1]);
    }
    const std::regex listed(R"re("((?:report|delivery|rating|ended|keyboard)\.[a-z_0-9]+)")re");
    for (auto it = std::sregex_iterator(source.begin(), source.end(), listed); it != std::sregex_iterator();
         ++it) {
      used.insert((*it)[1]);
    }
  }
  EXPECT_GT(used.size(), 100u);
  for (const auto& key : used) {
    EXPECT_TRUE(catalog.has(key)) << key;
  }
  for (int s = 0; s <= static_cast<int>(Screen::StaffLogin); ++s) {
    EXPECT_TRUE(catalog.has("screen." + std::string(screen_name(static_cast<Screen>(s)))));
  }
  for (int e = 0; e <= static_cast<int>(ErrorCode::Internal); ++e) {
    EXPECT_TRUE(catalog.has("error." + std::string(error_name(static_cast<ErrorCode>(e)))));
  }
  for (int r = 0; r <= static_cast<int>(SetAsideReason::StaffOverride); ++r) {
    EXPECT_TRUE(
        catalog.has("set_aside." + std::string(set_aside_reason_name(static_cast<SetAsideReason>(r)))));
  }
}

}  // namespace
}  // namespace kiosk::ui
