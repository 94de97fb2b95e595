#pragma once
// A smart card connection that plays a script of expected commands and
// canned responses, for tests of one class at a time.
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <utility>

#include "drivers/card/card_error.hpp"
#include "drivers/card/smart_card.hpp"

namespace kiosk::card::testing {

class ScriptedConnection : public SmartCardConnection {
 public:
  // Command "*" matches any APDU; response "REMOVED" makes the exchange
  // fail as if the card left.
  ScriptedConnection& expect(const std::string& command_hex, const std::string& response_hex) {
    script_.emplace_back(command_hex, response_hex);
    return *this;
  }
  Bytes transmit(ByteView command) override {
    if (script_.empty()) {
      ADD_FAILURE() << "unexpected APDU " << to_hex(command);
      throw CardError(ErrorCode::Transport, "script exhausted");
    }
    auto [expected, response] = script_.front();
    script_.pop_front();
    if (expected != "*") {
      EXPECT_EQ(to_hex(command), expected);
    }
    ++exchanged_;
    if (response == "REMOVED")
      throw CardError(ErrorCode::CardRemoved, "the card was removed during the read");
    return from_hex(response);
  }
  Bytes atr() const override { return atr_; }
  void reconnect() override {}
  void set_atr(Bytes atr) { atr_ = std::move(atr); }
  bool done() const { return script_.empty(); }
  int exchanged() const { return exchanged_; }

 private:
  std::deque<std::pair<std::string, std::string>> script_;
  Bytes atr_;
  int exchanged_ = 0;
};

}  // namespace kiosk::card::testing
