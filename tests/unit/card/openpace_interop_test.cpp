// The reader against a chip whose PACE, secure messaging and chip
// authentication are OpenPACE's (BSI TR-03110 / ICAO 9303 Part 11), not
// ours: a mistake the reader and our virtual card share cannot pass here.
// Both curves of the standardized domain parameters a CCCD may use: NIST
// P-256 (12) and brainpoolP256r1 (13).
#include <eac/objects.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "drivers/card/card_error.hpp"
#include "drivers/card/chip_access.hpp"
#include "drivers/card/emrtd_reader.hpp"
#include "drivers/card/lds_files.hpp"
#include "drivers/card/mrz.hpp"
#include "sandbox/vcard/chip_contents.hpp"
#include "tests/unit/card/openpace_chip.hpp"

namespace kiosk::card {
namespace {

const std::filesystem::path kPki = std::filesystem::path(KIOSK_BINARY_DIR) / "sandbox/vcard/pki";
const std::filesystem::path kCitizens =
    std::filesystem::path(KIOSK_SOURCE_DIR) / "sandbox/demo/citizens.json";

struct Curve {
  int parameter_id;
  const char* name;
};

vcard::DemoCitizen citizen(const std::string& id) {
  for (const auto& c : vcard::load_demo_citizens(kCitizens)) {
    if (c.id == id)
      return c;
  }
  throw std::runtime_error("no such demo citizen");
}

std::string yymmdd(const std::string& iso) {
  return iso.substr(2, 2) + iso.substr(5, 2) + iso.substr(8, 2);
}

// A CCCD with PACE on `curve` and chip authentication, as OpenPACE serves it.
testing::OpenPaceChipFiles openpace_files(const vcard::ChipContents& chip, int parameter_id) {
  testing::OpenPaceChipFiles f;
  f.files = chip.files;
  f.files[0x011C] = build_card_access(PaceInfo{oid::kPaceEcdhGmAes128, 2, parameter_id});
  f.td1_mrz = to_bytes(parse_dg1(chip.files.at(0x0101)).text);
  if (chip.chip_authentication_key) {
    EVP_PKEY_up_ref(chip.chip_authentication_key.get());
    f.chip_authentication_key.reset(chip.chip_authentication_key.get());
  }
  return f;
}

vcard::ChipContents demo_chip(const vcard::DemoCitizen& c, const vcard::ChipFaults& faults = {}) {
  const vcard::ChipProfile profile{true, false, true, false, "ecdsa"};
  return vcard::build_chip(c, profile, faults, kPki);
}

MrzKey key_of(const vcard::DemoCitizen& c) {
  return cccd_mrz_key(c.id, yymmdd(c.date_of_birth), yymmdd(c.expiry_date));
}

class OpenPaceChipOnCurve : public ::testing::TestWithParam<Curve> {};

TEST_P(OpenPaceChipOnCurve, ReaderReadsAndVerifiesTheWholeCard) {
  const auto c = citizen("052090000495");
  testing::OpenPaceChip chip(openpace_files(demo_chip(c), GetParam().parameter_id));
  // OpenPACE understood our EF.CardAccess and DG14 encodings.
  EXPECT_EQ(chip.pace_protocol_nid(), NID_id_PACE_ECDH_GM_AES_CBC_CMAC_128);
  EXPECT_EQ(chip.pace_parameter_id(), GetParam().parameter_id);
  EXPECT_EQ(chip.chip_authentication_protocol_nid(), NID_id_CA_ECDH_AES_CBC_CMAC_128);

  const CscaStore trust = CscaStore::load_directory(kPki / "csca");
  CardRead r = read_card(chip, ReadOptions{key_of(c), &trust, {}, 0, true});
  EXPECT_TRUE(chip.pace_established());
  EXPECT_TRUE(chip.chip_authenticated());
  EXPECT_EQ(r.authentication.access_control, "PACE");
  EXPECT_EQ(r.authentication.chip, ChipCheck::Passed);
  EXPECT_EQ(r.authentication.passive.status, PassiveStatus::Valid) << r.authentication.passive.detail;
  EXPECT_TRUE(r.authentication.genuine());
  EXPECT_EQ(r.citizen.get(CitizenField::FullName), c.full_name);
  EXPECT_EQ(r.mrz.optional_data1, c.id);
  ASSERT_TRUE(r.face);
  EXPECT_EQ(r.face->width, 160);
}

TEST_P(OpenPaceChipOnCurve, WrongExpiryIsRefusedByTheChip) {
  const auto c = citizen("052090000495");
  testing::OpenPaceChip chip(openpace_files(demo_chip(c), GetParam().parameter_id));
  try {
    read_card(chip, ReadOptions{cccd_mrz_key(c.id, yymmdd(c.date_of_birth), "991231"), nullptr, {}, 0, true});
    FAIL() << "the read succeeded";
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::AccessDenied) << e.what();
  }
  EXPECT_FALSE(chip.pace_established());
}

TEST_P(OpenPaceChipOnCurve, ChipWithoutDg14sPrivateKeyFailsChipAuthentication) {
  const auto c = citizen("052090000495");
  vcard::ChipFaults faults;
  faults.cloned = true;
  testing::OpenPaceChip chip(openpace_files(demo_chip(c, faults), GetParam().parameter_id));
  try {
    read_card(chip, ReadOptions{key_of(c), nullptr, {}, 0, true});
    FAIL() << "the read succeeded";
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::ChipAuthentication) << e.what();
  }
  EXPECT_TRUE(chip.pace_established());
}

// Chip authentication with a chip key on the same curve as PACE; DG14 is
// rebuilt for it, so passive authentication is not part of this check.
TEST_P(OpenPaceChipOnCurve, ChipAuthenticationWithAKeyOnTheCurve) {
  const auto c = citizen("052090000495");
  vcard::ChipContents contents = demo_chip(c);
  ossl::Pkey ca_key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", GetParam().name));
  ASSERT_TRUE(ca_key);
  const ChipAuthenticationKey dg14_key{oid::kCaEcdhAes128, public_key_to_der_explicit(ca_key.get())};
  contents.files[0x010E] = build_dg14(dg14_key, std::nullopt);
  contents.chip_authentication_key = std::move(ca_key);
  const Bytes dg13 = contents.files.at(0x010D);
  testing::OpenPaceChip chip(openpace_files(contents, GetParam().parameter_id));

  CardChannel channel(chip);
  const auto pace = supported_pace(channel.read_file(0x1C));
  ASSERT_TRUE(pace);
  EXPECT_EQ(pace->parameter_id, GetParam().parameter_id);
  run_pace(channel, key_of(c), *pace);
  const auto dg14 = channel.read_file(14);
  ASSERT_TRUE(dg14);
  const SecurityInfos infos = parse_security_infos(*dg14);
  ASSERT_TRUE(infos.chip_authentication);
  run_chip_authentication(channel, *infos.chip_authentication);
  EXPECT_TRUE(chip.chip_authenticated());
  // Only the CA session keys read DG13 now.
  EXPECT_EQ(channel.read_file(13), dg13);
}

INSTANTIATE_TEST_SUITE_P(StandardizedDomainParameters, OpenPaceChipOnCurve,
                         ::testing::Values(Curve{12, "prime256v1"}, Curve{13, "brainpoolP256r1"}),
                         [](const auto& curve) { return std::string(curve.param.name); });

}  // namespace
}  // namespace kiosk::card
