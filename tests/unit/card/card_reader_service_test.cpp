// CardReaderService with fake readers holding the in-process virtual chip.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "drivers/card/card_error.hpp"
#include "drivers/card/card_reader_service.hpp"
#include "sandbox/vcard/virtual_card.hpp"

namespace kiosk::card {
namespace {

const std::filesystem::path kPki = std::filesystem::path(KIOSK_BINARY_DIR) / "sandbox/vcard/pki";

vcard::DemoCitizen citizen(const std::string& id) {
  for (const auto& c :
       vcard::load_demo_citizens(std::filesystem::path(KIOSK_SOURCE_DIR) / "sandbox/demo/citizens.json")) {
    if (c.id == id)
      return c;
  }
  throw std::runtime_error("no such demo citizen");
}

class FakeReaders : public SmartCardReaders {
 public:
  explicit FakeReaders(std::shared_ptr<vcard::VirtualCard> card) : card_(std::move(card)) {}
  std::vector<std::string> list() override { return {"Fake reader"}; }
  std::unique_ptr<SmartCardConnection> connect(const std::string&) override {
    if (!card_)
      throw CardError(ErrorCode::NoCard, "no card");
    struct Link : SmartCardConnection {
      std::shared_ptr<vcard::VirtualCard> card;
      Bytes transmit(ByteView c) override { return card->process(c); }
      Bytes atr() const override { return card->atr(); }
      void reconnect() override { card->reset(); }
    };
    auto link = std::make_unique<Link>();
    link->card = card_;
    return link;
  }

 private:
  std::shared_ptr<vcard::VirtualCard> card_;
};

struct Events {
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> seen;
  void add(std::string s) {
    std::lock_guard<std::mutex> lock(m);
    seen.push_back(std::move(s));
    cv.notify_all();
  }
  bool wait_for(std::size_t n) {
    std::unique_lock<std::mutex> lock(m);
    return cv.wait_for(lock, std::chrono::seconds(30), [&] { return seen.size() >= n; });
  }
};

CardReaderService::Listener record(Events& events) {
  return [&events](CardEvent e) {
    if (auto* id = std::get_if<IdentityAvailable>(&e)) {
      events.add("identity:" + id->citizen.get(CitizenField::IdNumber));
      id->citizen.wipe();
      id->mrz.wipe();
    } else if (auto* f = std::get_if<FaceAvailable>(&e)) {
      events.add("face:" + std::to_string(f->face.width));
      f->face.wipe();
    } else if (auto* a = std::get_if<AuthenticationFinished>(&e)) {
      events.add(std::string("authentication:") + (a->result.genuine() ? "genuine" : "not genuine"));
    } else if (auto* r = std::get_if<ReadFailed>(&e)) {
      events.add(std::string("failed:") + std::string(error_code_name(r->code)));
    }
  };
}

TEST(CardReaderService, IdentityThenFaceThenAuthentication) {
  const auto c = citizen("052198000814");
  auto card =
      std::make_shared<vcard::VirtualCard>(vcard::build_chip(c, c.card, {}, kPki), vcard::CardBehaviour{});
  Events events;
  CardReaderService service(std::make_unique<FakeReaders>(card), {kPki / "csca", ""}, record(events), false);
  service.read(cccd_mrz_key(c.id, "980722", "380722"));
  ASSERT_TRUE(events.wait_for(3));
  EXPECT_EQ(events.seen[0], "identity:052198000814");
  EXPECT_EQ(events.seen[1], "face:160");
  EXPECT_EQ(events.seen[2], "authentication:genuine");
  service.wipe();
}

TEST(CardReaderService, TypedErrorsReachTheListener) {
  Events events;
  CardReaderService service(std::make_unique<FakeReaders>(nullptr), {}, record(events), false);
  service.read(cccd_mrz_key("052198000814", "980722", "380722"));
  ASSERT_TRUE(events.wait_for(1));
  EXPECT_EQ(events.seen[0], "failed:no_card");
}

TEST(CardReaderService, WrongInputsAreAccessDenied) {
  const auto c = citizen("052090000495");
  auto card =
      std::make_shared<vcard::VirtualCard>(vcard::build_chip(c, c.card, {}, kPki), vcard::CardBehaviour{});
  Events events;
  CardReaderService service(std::make_unique<FakeReaders>(card), {kPki / "csca", ""}, record(events), false);
  service.read(cccd_mrz_key(c.id, "900315", "300316"));
  ASSERT_TRUE(events.wait_for(1));
  EXPECT_EQ(events.seen[0], "failed:access_denied");
}

}  // namespace
}  // namespace kiosk::card
