#include "kiosk/app/automation.hpp"

#include <gtest/gtest.h>

namespace kiosk::app {
namespace {

using Kind = AutomationCommand::Kind;

TEST(Automation, ParsesCommands) {
  auto parsed = parse_automation_command("tap lang");
  ASSERT_TRUE(parsed.command);
  EXPECT_EQ(parsed.command->kind, Kind::Tap);
  EXPECT_EQ(parsed.command->argument, "lang");

  parsed = parse_automation_command("wait-screen home 500\r");
  ASSERT_TRUE(parsed.command);
  EXPECT_EQ(parsed.command->kind, Kind::WaitScreen);
  EXPECT_EQ(parsed.command->argument, "home");
  EXPECT_EQ(parsed.command->number, 500);

  parsed = parse_automation_command("wait-screen home");
  ASSERT_TRUE(parsed.command);
  EXPECT_EQ(parsed.command->number, 20000);

  parsed = parse_automation_command("drag content -300");
  ASSERT_TRUE(parsed.command);
  EXPECT_EQ(parsed.command->number, -300);

  parsed = parse_automation_command("type Nguyeenx Vawn");
  ASSERT_TRUE(parsed.command);
  EXPECT_EQ(parsed.command->argument, "Nguyeenx Vawn");

  parsed = parse_automation_command("where start");
  ASSERT_TRUE(parsed.command);
  EXPECT_EQ(parsed.command->kind, Kind::Where);
  EXPECT_EQ(parsed.command->argument, "start");

  EXPECT_EQ(parse_automation_command("quit").command->kind, Kind::Quit);
}

TEST(Automation, RejectsMalformedLines) {
  EXPECT_EQ(parse_automation_command("tap").error, "tap needs an argument");
  EXPECT_EQ(parse_automation_command("where").error, "where needs an argument");
  EXPECT_EQ(parse_automation_command("drag x").error, "drag: distance must be a number");
  EXPECT_EQ(parse_automation_command("wait-screen home soon").error, "wait-screen: timeout must be a number");
  EXPECT_EQ(parse_automation_command("jump").error, "unknown command \"jump\"");
  EXPECT_FALSE(parse_automation_command("").command);
}

}  // namespace
}  // namespace kiosk::app
