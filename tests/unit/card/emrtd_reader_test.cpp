// The reader against the virtual chip in the same process: every profile
// (BAC/PACE, AA, CA, short/extended, each document signer) and every fault.
#include <gtest/gtest.h>

#include "drivers/card/card_error.hpp"
#include "drivers/card/emrtd_reader.hpp"
#include "sandbox/vcard/virtual_card.hpp"

namespace kiosk::card {
namespace {

const std::filesystem::path kPki = std::filesystem::path(KIOSK_BINARY_DIR) / "sandbox/vcard/pki";
const std::filesystem::path kCitizens =
    std::filesystem::path(KIOSK_SOURCE_DIR) / "sandbox/demo/citizens.json";

class Loopback : public SmartCardConnection {
 public:
  explicit Loopback(vcard::VirtualCard& card) : card_(card) {}
  Bytes transmit(ByteView command) override {
    Bytes r = card_.process(command);
    if (card_.removed())
      throw CardError(ErrorCode::CardRemoved, "the card was removed during the read");
    return r;
  }
  Bytes atr() const override { return card_.atr(); }
  void reconnect() override { card_.reset(); }

 private:
  vcard::VirtualCard& card_;
};

vcard::DemoCitizen citizen(const std::string& id) {
  for (const auto& c : vcard::load_demo_citizens(kCitizens)) {
    if (c.id == id)
      return c;
  }
  throw std::runtime_error("no such demo citizen");
}

struct Recorder : ReadObserver {
  std::vector<std::string> events;
  void identity_read(const Td1Mrz&, const CitizenData& c) override {
    events.push_back("identity:" + c.get(CitizenField::FullName));
  }
  void face_read(const FaceImage&) override { events.push_back("face"); }
  void authentication_done(const AuthenticationResult&) override { events.push_back("authentication"); }
};

CardRead read(const vcard::DemoCitizen& c, const vcard::ChipProfile& profile,
              const vcard::ChipFaults& faults = {}, const vcard::CardBehaviour& behaviour = {},
              Recorder* recorder = nullptr, std::string expiry_override = "") {
  vcard::VirtualCard card(vcard::build_chip(c, profile, faults, kPki), behaviour);
  Loopback link(card);
  const CscaStore trust = CscaStore::load_directory(kPki / "csca");
  const std::string dob =
      c.date_of_birth.substr(2, 2) + c.date_of_birth.substr(5, 2) + c.date_of_birth.substr(8, 2);
  const std::string exp = c.expiry_date.empty() ? ""
                                                : c.expiry_date.substr(2, 2) + c.expiry_date.substr(5, 2) +
                                                      c.expiry_date.substr(8, 2);
  ReadOptions options{
      cccd_mrz_key(c.id, dob, expiry_override.empty() ? exp : expiry_override), &trust, {}, 0, true};
  return read_card(link, options, recorder);
}

ErrorCode read_error(const vcard::DemoCitizen& c, const vcard::ChipProfile& profile,
                     const vcard::ChipFaults& faults, const vcard::CardBehaviour& behaviour,
                     std::string* message = nullptr, std::string expiry_override = "") {
  try {
    read(c, profile, faults, behaviour, nullptr, expiry_override);
  } catch (const CardError& e) {
    if (message)
      *message = e.what();
    return e.code();
  }
  ADD_FAILURE() << "the read succeeded";
  return ErrorCode::Cancelled;
}

class EveryDemoCitizen : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryDemoCitizen, ReadsAndVerifies) {
  const auto c = citizen(GetParam());
  Recorder recorder;
  CardRead r = read(c, c.card, {}, {}, &recorder);
  EXPECT_EQ(r.mrz.optional_data1, c.id);
  EXPECT_EQ(r.citizen.get(CitizenField::IdNumber), c.id);
  EXPECT_EQ(r.citizen.get(CitizenField::FullName), c.full_name);
  EXPECT_EQ(r.citizen.get(CitizenField::PlaceOfResidence), c.place_of_residence);
  EXPECT_EQ(r.citizen.all(CitizenField::ParentsNames).size(), 2u);
  ASSERT_TRUE(r.face);
  EXPECT_EQ(r.face->width, 160);
  EXPECT_EQ(r.face->height, 200);
  EXPECT_EQ(r.authentication.access_control, c.card.pace ? "PACE" : "BAC");
  EXPECT_EQ(r.authentication.passive.status, PassiveStatus::Valid) << r.authentication.passive.detail;
  EXPECT_EQ(r.authentication.active,
            c.card.active_authentication ? ChipCheck::Passed : ChipCheck::NotSupported);
  EXPECT_EQ(r.authentication.chip, c.card.chip_authentication ? ChipCheck::Passed : ChipCheck::NotSupported);
  EXPECT_TRUE(r.authentication.genuine());
  EXPECT_EQ(r.extended_length, c.card.extended_length);
  ASSERT_EQ(recorder.events.size(), 3u);
  EXPECT_EQ(recorder.events[0], "identity:" + c.full_name);
  EXPECT_EQ(recorder.events[1], "face");
  r.wipe();
  EXPECT_TRUE(r.citizen.fields.empty());
  EXPECT_TRUE(r.mrz.text.empty());
  EXPECT_FALSE(r.face);
}

INSTANTIATE_TEST_SUITE_P(Chip, EveryDemoCitizen,
                         ::testing::Values("052090000495", "052198000814", "001185012345", "079203004567",
                                           "048060007788", "031175009900"));

TEST(EmrtdReader, EveryProfileCombination) {
  const auto c = citizen("052090000495");
  for (bool pace : {false, true}) {
    for (bool aa : {false, true}) {
      for (bool ca : {false, true}) {
        for (bool ext : {false, true}) {
          for (const char* signer : {"rsa-pkcs1", "rsa-pss", "ecdsa"}) {
            const vcard::ChipProfile p{pace, aa, ca, ext, signer};
            const CardRead r = read(c, p);
            EXPECT_TRUE(r.authentication.genuine())
                << pace << aa << ca << ext << signer << " " << r.authentication.passive.detail;
          }
        }
      }
    }
  }
}

TEST(EmrtdReader, WrongMrzIsAccessDeniedForBacAndPace) {
  for (const char* id : {"052090000495", "052198000814"}) {
    const auto c = citizen(id);
    std::string message;
    EXPECT_EQ(read_error(c, c.card, {}, {}, &message, "991231"), ErrorCode::AccessDenied) << id;
    EXPECT_NE(message.find("does not match"), std::string::npos) << message;
  }
}

TEST(EmrtdReader, ResponseFaultsHaveTheirOwnErrors) {
  const auto c = citizen("079203004567");
  std::string message;
  vcard::CardBehaviour b;
  b.response_fault = vcard::ResponseFault::WrongMac;
  EXPECT_EQ(read_error(c, c.card, {}, b, &message), ErrorCode::SecureMessaging);
  EXPECT_NE(message.find("MAC"), std::string::npos) << message;
  b.response_fault = vcard::ResponseFault::Truncated;
  EXPECT_EQ(read_error(c, c.card, {}, b, &message), ErrorCode::MalformedResponse);
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;
  b.response_fault = vcard::ResponseFault::Garbled;
  EXPECT_EQ(read_error(c, c.card, {}, b, &message), ErrorCode::MalformedResponse);
  EXPECT_NE(message.find("garbled"), std::string::npos) << message;
}

TEST(EmrtdReader, RemovalMidReadIsCardRemoved) {
  const auto c = citizen("052090000495");
  vcard::CardBehaviour b;
  b.remove_after = 6;
  EXPECT_EQ(read_error(c, c.card, {}, b), ErrorCode::CardRemoved);
}

TEST(EmrtdReader, TamperedGroupIsHashMismatch) {
  const auto c = citizen("052090000495");
  vcard::ChipFaults f;
  f.tampered_group = 13;
  const CardRead r = read(c, c.card, f);
  EXPECT_EQ(r.authentication.passive.status, PassiveStatus::HashMismatch);
  EXPECT_EQ(r.authentication.passive.mismatched_groups, std::vector<int>{13});
  EXPECT_FALSE(r.authentication.genuine());
}

TEST(EmrtdReader, UntrustedAndExpiredDocumentSigners) {
  const auto c = citizen("052090000495");
  vcard::ChipFaults f;
  f.signer_override = "untrusted";
  EXPECT_EQ(read(c, c.card, f).authentication.passive.status, PassiveStatus::DsUntrusted);
  f.signer_override = "expired";
  EXPECT_EQ(read(c, c.card, f).authentication.passive.status, PassiveStatus::DsExpired);
}

TEST(EmrtdReader, ClonedChipFailsActiveAuthentication) {
  const auto c = citizen("052090000495");  // AA, no CA
  vcard::ChipFaults f;
  f.cloned = true;
  const CardRead r = read(c, c.card, f);
  EXPECT_EQ(r.authentication.active, ChipCheck::Failed);
  EXPECT_TRUE(r.authentication.passive.valid());
  EXPECT_FALSE(r.authentication.genuine());
}

TEST(EmrtdReader, ClonedChipFailsChipAuthentication) {
  const auto c = citizen("052198000814");  // CA, no AA
  vcard::ChipFaults f;
  f.cloned = true;
  std::string message;
  EXPECT_EQ(read_error(c, c.card, f, {}, &message), ErrorCode::ChipAuthentication);
  EXPECT_NE(message.find("copy"), std::string::npos) << message;
}

}  // namespace
}  // namespace kiosk::card
