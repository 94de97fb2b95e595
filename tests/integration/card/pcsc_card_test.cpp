// The chip reader through a real pcscd + vpcd and the kiosk-vcard process:
// every demo citizen, every fault, the service's events, and the CLI.
#include <gtest/gtest.h>

#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

#include "drivers/card/card_error.hpp"
#include "drivers/card/card_reader_service.hpp"
#include "drivers/card/emrtd_reader.hpp"
#include "drivers/card/pcsc_reader.hpp"
#include "tests/integration/card/private_pcscd.hpp"

namespace kiosk::card {
namespace {

using testing::PrivatePcscd;
using testing::VirtualCardProcess;

const std::filesystem::path kCsca = std::filesystem::path(KIOSK_BINARY_DIR) / "sandbox/vcard/pki/csca";

PrivatePcscd* pcscd = nullptr;

class PcscdEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { pcscd = new PrivatePcscd(); }
  void TearDown() override {
    delete pcscd;
    pcscd = nullptr;
  }
};
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PcscdEnvironment);

struct Citizen {
  const char* id;
  const char* dob;
  const char* expiry;
  bool pace, aa, ca, extended;
};
const Citizen kCitizens[] = {
    {"052090000495", "900315", "300315", false, true, false, true},
    {"052198000814", "980722", "380722", true, false, true, true},
    {"001185012345", "851102", "451102", true, true, true, false},
    {"079203004567", "030120", "280120", false, false, false, false},
    {"048060007788", "600909", "", false, true, false, true},
    {"031175009900", "751230", "351230", false, false, true, true},
};

CardRead read_inserted(const Citizen& c) {
  PcscReaders readers;
  std::string reader;
  for (const auto& s : readers.states()) {
    if (s.card_present)
      reader = s.name;
  }
  if (reader.empty())
    throw CardError(ErrorCode::NoCard, "no card");
  const auto connection = readers.connect(reader);
  const CscaStore trust = CscaStore::load_directory(kCsca);
  const ReadOptions options{cccd_mrz_key(c.id, c.dob, c.expiry), &trust, {}, 0, true};
  return read_card(*connection, options);
}

ErrorCode read_error(const Citizen& c, std::string* message = nullptr) {
  try {
    read_inserted(c);
  } catch (const CardError& e) {
    if (message)
      *message = e.what();
    return e.code();
  }
  ADD_FAILURE() << "the read succeeded";
  return ErrorCode::Cancelled;
}

std::vector<std::string> card_args(const Citizen& c, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"--citizen", c.id};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(PcscCard, ReadersListsTheVirtualReader) {
  PcscReaders readers;
  const auto names = readers.list();
  ASSERT_FALSE(names.empty());
  EXPECT_NE(names.front().find("Virtual PCD"), std::string::npos);
  try {
    readers.connect(names.front());
    FAIL() << "connected to an empty reader";
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::NoCard);
  }
}

class EveryDemoCitizen : public ::testing::TestWithParam<Citizen> {};

TEST_P(EveryDemoCitizen, ReadAndVerifiedThroughPcscd) {
  const Citizen& c = GetParam();
  VirtualCardProcess card(*pcscd, card_args(c));
  CardRead r = read_inserted(c);
  EXPECT_EQ(r.citizen.get(CitizenField::IdNumber), c.id);
  EXPECT_FALSE(r.citizen.get(CitizenField::FullName).empty());
  EXPECT_EQ(r.mrz.optional_data1, c.id);
  ASSERT_TRUE(r.face);
  EXPECT_GT(r.face->width, 0);
  EXPECT_EQ(r.authentication.access_control, c.pace ? "PACE" : "BAC");
  EXPECT_TRUE(r.authentication.passive.valid()) << r.authentication.passive.detail;
  EXPECT_EQ(r.authentication.active, c.aa ? ChipCheck::Passed : ChipCheck::NotSupported);
  EXPECT_EQ(r.authentication.chip, c.ca ? ChipCheck::Passed : ChipCheck::NotSupported);
  EXPECT_EQ(r.extended_length, c.extended);
  std::size_t apdus = 0;
  for (const auto& p : r.phases)
    apdus += p.apdus;
  EXPECT_GT(apdus, 5u);
  r.wipe();
  EXPECT_TRUE(r.citizen.fields.empty());
  EXPECT_TRUE(r.mrz.text.empty());
  EXPECT_TRUE(r.mrz.optional_data1.empty());
  EXPECT_FALSE(r.face.has_value());
}

INSTANTIATE_TEST_SUITE_P(Chip, EveryDemoCitizen, ::testing::ValuesIn(kCitizens));

TEST(PcscCard, WrongMacIsSecureMessagingError) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[0], {"--fault", "wrong-mac"}));
  std::string message;
  EXPECT_EQ(read_error(kCitizens[0], &message), ErrorCode::SecureMessaging);
  EXPECT_NE(message.find("MAC"), std::string::npos) << message;
}

TEST(PcscCard, TruncatedResponseIsMalformed) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[1], {"--fault", "truncated"}));
  std::string message;
  EXPECT_EQ(read_error(kCitizens[1], &message), ErrorCode::MalformedResponse);
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;
}

TEST(PcscCard, GarbledResponseIsMalformed) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[0], {"--fault", "garbled"}));
  std::string message;
  EXPECT_EQ(read_error(kCitizens[0], &message), ErrorCode::MalformedResponse);
  EXPECT_NE(message.find("garbled"), std::string::npos) << message;
}

TEST(PcscCard, RemovalMidReadIsCardRemoved) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[0], {"--remove-after", "6"}));
  std::string message;
  EXPECT_EQ(read_error(kCitizens[0], &message), ErrorCode::CardRemoved) << message;
}

TEST(PcscCard, WrongDateOfBirthIsAccessDenied) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[0]));
  Citizen wrong = kCitizens[0];
  wrong.dob = "900316";
  EXPECT_EQ(read_error(wrong), ErrorCode::AccessDenied);
}

TEST(PcscCard, TamperedDataGroupFailsPassiveAuthentication) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[3], {"--tamper-dg", "13"}));
  const CardRead r = read_inserted(kCitizens[3]);
  EXPECT_EQ(r.authentication.passive.status, PassiveStatus::HashMismatch);
  EXPECT_FALSE(r.authentication.genuine());
}

TEST(PcscCard, UntrustedDocumentSigner) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[0], {"--ds", "untrusted"}));
  EXPECT_EQ(read_inserted(kCitizens[0]).authentication.passive.status, PassiveStatus::DsUntrusted);
}

TEST(PcscCard, ExpiredDocumentSigner) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[0], {"--ds", "expired"}));
  EXPECT_EQ(read_inserted(kCitizens[0]).authentication.passive.status, PassiveStatus::DsExpired);
}

TEST(PcscCard, ClonedChipFailsActiveAuthentication) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[0], {"--clone"}));
  const CardRead r = read_inserted(kCitizens[0]);
  EXPECT_EQ(r.authentication.active, ChipCheck::Failed);
  EXPECT_FALSE(r.authentication.genuine());
}

TEST(PcscCard, ClonedChipFailsChipAuthentication) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[1], {"--clone"}));
  EXPECT_EQ(read_error(kCitizens[1]), ErrorCode::ChipAuthentication);
}

TEST(PcscCard, SlowCardStillReads) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[3], {"--latency-ms", "20"}));
  const CardRead r = read_inserted(kCitizens[3]);
  double ms = 0;
  std::size_t apdus = 0;
  for (const auto& p : r.phases) {
    ms += p.ms;
    apdus += p.apdus;
  }
  EXPECT_TRUE(r.authentication.genuine());
  EXPECT_GE(ms, 20.0 * static_cast<double>(apdus));  // the latency is really there
}

TEST(PcscCard, ShortOnlyCardIsReadWithShortApdus) {
  VirtualCardProcess card(*pcscd,
                          card_args(kCitizens[0], {"--short-only", "--access", "pace", "--ca", "on"}));
  Citizen c = kCitizens[0];
  const CardRead r = read_inserted(c);
  EXPECT_FALSE(r.extended_length);
  EXPECT_EQ(r.authentication.access_control, "PACE");
  EXPECT_EQ(r.authentication.chip, ChipCheck::Passed);
  EXPECT_TRUE(r.authentication.genuine());
}

TEST(PcscCard, ServiceReportsIdentityBeforeFaceThenAuthenticationAndRemoval) {
  std::mutex m;
  std::vector<std::string> order;
  std::string name;
  std::condition_variable cv;
  auto service = CardReaderService::with_pcsc({kCsca, ""}, [&](CardEvent e) {
    std::lock_guard<std::mutex> lock(m);
    if (auto* id = std::get_if<IdentityAvailable>(&e)) {
      order.push_back("identity");
      name = id->citizen.get(CitizenField::FullName);
      id->citizen.wipe();
      id->mrz.wipe();
    } else if (std::holds_alternative<FaceAvailable>(e)) {
      order.push_back("face");
    } else if (auto* a = std::get_if<AuthenticationFinished>(&e)) {
      order.push_back(a->result.genuine() ? "genuine" : "not genuine");
    } else if (auto* f = std::get_if<ReadFailed>(&e)) {
      order.push_back(std::string("failed:") + std::string(error_code_name(f->code)));
    } else if (std::holds_alternative<CardInserted>(e)) {
      order.push_back("inserted");
    } else if (std::holds_alternative<CardRemoved>(e)) {
      order.push_back("removed");
    }
    cv.notify_all();
  });
  auto has = [&](const std::string& what) {
    return std::find(order.begin(), order.end(), what) != order.end();
  };
  // The read is requested before the card arrives: it starts on insertion.
  service->read(cccd_mrz_key(kCitizens[1].id, kCitizens[1].dob, kCitizens[1].expiry));
  {
    VirtualCardProcess card(*pcscd, card_args(kCitizens[1]));
    std::unique_lock<std::mutex> lock(m);
    ASSERT_TRUE(
        cv.wait_for(lock, std::chrono::seconds(30), [&] { return has("genuine") || has("not genuine"); }));
  }
  std::unique_lock<std::mutex> lock(m);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return has("removed"); }));
  const auto at = [&](const std::string& what) {
    return std::find(order.begin(), order.end(), what) - order.begin();
  };
  EXPECT_TRUE(has("inserted"));
  EXPECT_LT(at("identity"), at("face"));
  EXPECT_LT(at("face"), at("genuine"));
  EXPECT_EQ(name, "Trần Thị Bích Ngọc");
  lock.unlock();
  service->wipe();
}

TEST(PcscCard, CliPrintsParsedFieldsAuthenticationAndPhases) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[2]));
  const std::string face = ::testing::TempDir() + "kiosk-card-face.jp2";
  const std::string cmd = std::string(KIOSK_BINARY_DIR) +
                          "/bin/kiosk-card read --id 001185012345 --dob 851102 "
                          "--expiry 451102 --csca '" +
                          kCsca.string() + "' --face-out '" + face + "' --json";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe))
    out.append(buf, n);
  const int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 0) << out;
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["dg13"]["id_number"], "001185012345");
  EXPECT_EQ(j["dg1"]["document_number"], "185012345");
  EXPECT_EQ(j["passive_authentication"]["status"], "valid");
  EXPECT_EQ(j["active_authentication"], "passed");
  EXPECT_EQ(j["chip_authentication"], "passed");
  EXPECT_EQ(j["face"]["path"], face);
  EXPECT_TRUE(std::filesystem::exists(face));
  EXPECT_GT(j["total"]["apdus"].get<int>(), 5);
  EXPECT_FALSE(j["phases"].empty());
  std::filesystem::remove(face);
}

}  // namespace
}  // namespace kiosk::card

namespace kiosk::card {
namespace {

int run_cli(const std::string& args, std::string& out) {
  FILE* pipe = popen((std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-card " + args).c_str(), "r");
  if (!pipe)
    return -1;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe))
    out.append(buf, n);
  return WEXITSTATUS(pclose(pipe));
}

TEST(PcscCard, CliDerivesExpiryFromIssueDateForCardWithoutExpiry) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[4]));
  std::string out;
  EXPECT_EQ(
      run_cli("read --id 048060007788 --dob 600909 --issued 01032021 --csca '" + kCsca.string() + "' --json",
              out),
      0)
      << out;
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["dg1"]["date_of_expiry"], "<<<<<<");
  EXPECT_EQ(j["passive_authentication"]["status"], "valid");
}

TEST(PcscCard, CliReportsTypedErrorAsJson) {
  VirtualCardProcess card(*pcscd, card_args(kCitizens[0], {"--fault", "wrong-mac"}));
  std::string out;
  EXPECT_EQ(run_cli("read --id 052090000495 --dob 900315 --expiry 300315 --json", out), 1) << out;
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["error"]["code"], "secure_messaging");
  EXPECT_EQ(j["error"]["retriable"], true);
}

}  // namespace
}  // namespace kiosk::card
