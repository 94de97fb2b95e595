#include "kiosk/app/staff_directory.hpp"

#include <gtest/gtest.h>

#include "kiosk/app/config.hpp"

namespace kiosk::app {
namespace {

TEST(StaffDirectory, HashesLikeSha256sum) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(StaffDirectory, AuthenticatesIdAndPin) {
  const auto directory =
      StaffDirectory::parse("# staff of this center\ncb01:Lê Thị Hoa:" + sha256_hex("2468") +
                                "\r\n\ncb02:Phạm Văn Nam:" + sha256_hex("1357") + "\n",
                            "staff.file");
  EXPECT_EQ(directory.authenticate("cb01", "2468"), "Lê Thị Hoa");
  EXPECT_EQ(directory.authenticate("cb02", "1357"), "Phạm Văn Nam");
  EXPECT_FALSE(directory.authenticate("cb01", "1357"));
  EXPECT_FALSE(directory.authenticate("cb03", "2468"));
  EXPECT_FALSE(StaffDirectory{}.authenticate("cb01", "2468"));
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
  EXPECT_EQ(problem(":Hoa:" + sha256_hex("1")).rfind("staff.file: line 1", 0), 0u);
  EXPECT_EQ(problem("cb01:Hoa:" + sha256_hex("1")), "");
}

}  // namespace
}  // namespace kiosk::app
