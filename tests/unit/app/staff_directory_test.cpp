#include "kiosk/app/staff_directory.hpp"

#include <gtest/gtest.h>

#include "kiosk/app/config.hpp"

namespace kiosk::app {
namespace {

using namespace std::chrono_literals;

const StaffDirectory::Clock::time_point kStart{};

bool granted(const StaffDirectory::Outcome& outcome, const std::string& name) {
  const auto* g = std::get_if<StaffDirectory::Granted>(&outcome);
  return g != nullptr && g->name == name;
}

TEST(StaffDirectory, PinsAreStoredAsSaltedYescryptHashes) {
  const std::string a = hash_pin("2468");
  const std::string b = hash_pin("2468");
  EXPECT_EQ(a.rfind("$y$", 0), 0u) << a;
  EXPECT_NE(a, b) << "each hash has its own salt";
  EXPECT_TRUE(pin_matches("2468", a));
  EXPECT_FALSE(pin_matches("2469", a));
  EXPECT_EQ(a.find("2468"), std::string::npos);
}

TEST(StaffDirectory, AuthenticatesIdAndPin) {
  auto directory =
      StaffDirectory::parse("# staff of this center\n" + staff_line("cb01", "Lê Thị Hoa", "2468") + "\r\n\n" +
                                staff_line("cb02", "Phạm Văn Nam", "1357") + "\n",
                            "staff.file");
  EXPECT_TRUE(granted(directory.authenticate("cb01", "2468", kStart), "Lê Thị Hoa"));
  EXPECT_TRUE(granted(directory.authenticate("cb02", "1357", kStart), "Phạm Văn Nam"));
  EXPECT_TRUE(
      std::holds_alternative<StaffDirectory::Refused>(directory.authenticate("cb01", "1357", kStart)));
  EXPECT_TRUE(
      std::holds_alternative<StaffDirectory::Refused>(directory.authenticate("cb03", "2468", kStart)));
  EXPECT_TRUE(
      std::holds_alternative<StaffDirectory::Refused>(StaffDirectory{}.authenticate("cb01", "2468", kStart)));
  EXPECT_EQ(directory.member_name("cb02"), "Phạm Văn Nam");
  EXPECT_FALSE(directory.member_name("cb09"));
}

// Five wrong PINs lock the ID, even against the right PIN, until the time is up.
TEST(StaffDirectory, WrongPinsLockTheIdForAWhile) {
  StaffDirectory directory({{"cb01", "Lê Thị Hoa", hash_pin("2468")}}, {3, 600s});
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(
        std::holds_alternative<StaffDirectory::Refused>(directory.authenticate("cb01", "0000", kStart)));
  }
  const auto locked = directory.authenticate("cb01", "2468", kStart + 10s);
  ASSERT_TRUE(std::holds_alternative<StaffDirectory::LockedOut>(locked));
  EXPECT_EQ(std::get<StaffDirectory::LockedOut>(locked).left, 590s);
  EXPECT_TRUE(granted(directory.authenticate("cb01", "2468", kStart + 601s), "Lê Thị Hoa"));
  // A success clears the count.
  EXPECT_TRUE(
      std::holds_alternative<StaffDirectory::Refused>(directory.authenticate("cb01", "0000", kStart + 602s)));
  EXPECT_TRUE(granted(directory.authenticate("cb01", "2468", kStart + 603s), "Lê Thị Hoa"));
}

TEST(StaffDirectory, MalformedLinesNameTheKeyAndLine) {
  const auto problem = [](const std::string& text) {
    try {
      StaffDirectory::parse(text, "staff.file");
    } catch (const ConfigError& error) {
      return std::string(error.what());
    }
    return std::string();
  };
  EXPECT_EQ(problem("cb01:Hoa\n").rfind("staff.file: line 1", 0), 0u);
  EXPECT_EQ(problem("# x\ncb01:Hoa:1234\n").rfind("staff.file: line 2", 0), 0u);
  // An unsalted SHA-256 of a short PIN is refused: it is cracked in moments.
  EXPECT_EQ(problem("cb01:Hoa:03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4")
                .rfind("staff.file: line 1", 0),
            0u);
  EXPECT_EQ(problem(":Hoa:" + hash_pin("1")).rfind("staff.file: line 1", 0), 0u);
  EXPECT_EQ(problem(staff_line("cb01", "Hoa", "1234")), "");
}

}  // namespace
}  // namespace kiosk::app
