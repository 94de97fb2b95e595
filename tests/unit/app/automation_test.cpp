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

  EXPECT_EQ(parse_automation_command("sender").command->kind, Kind::Sender);
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

TEST(Automation, ParsesPinchAndValue) {
  auto parsed = parse_automation_command("pinch preview.page 2.5");
  ASSERT_TRUE(parsed.command) << parsed.error;
  EXPECT_EQ(parsed.command->kind, Kind::Pinch);
  EXPECT_EQ(parsed.command->argument, "preview.page");
  EXPECT_DOUBLE_EQ(parsed.command->factor, 2.5);

  parsed = parse_automation_command("pinch preview.page 0.5");
  ASSERT_TRUE(parsed.command);
  EXPECT_DOUBLE_EQ(parsed.command->factor, 0.5);

  parsed = parse_automation_command("value preview.zoom");
  ASSERT_TRUE(parsed.command);
  EXPECT_EQ(parsed.command->kind, Kind::Value);
  EXPECT_EQ(parsed.command->argument, "preview.zoom");
}

TEST(Automation, RejectsMalformedPinches) {
  EXPECT_EQ(parse_automation_command("pinch preview.page").error, "pinch needs a widget and a factor");
  EXPECT_EQ(parse_automation_command("pinch").error, "pinch needs a widget and a factor");
  const std::string range = "pinch: factor must be a number between 0.1 and 10";
  EXPECT_EQ(parse_automation_command("pinch preview.page wide").error, range);
  EXPECT_EQ(parse_automation_command("pinch preview.page 0").error, range);
  EXPECT_EQ(parse_automation_command("pinch preview.page 11").error, range);
  EXPECT_EQ(parse_automation_command("pinch preview.page nan").error, range);
  EXPECT_EQ(parse_automation_command("value").error, "value needs an argument");
}

}  // namespace
}  // namespace kiosk::app
