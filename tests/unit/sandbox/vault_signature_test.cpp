#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "drivers/pdf/signature_verifier.hpp"
#include "sandbox/demo_data.hpp"

namespace kiosk::sandbox {
namespace {

std::vector<std::uint8_t> read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every demo vault paper is a signed PDF; those of the Government Cipher
// Committee chain to its test root, the one from a commercial CA does not.
TEST(VaultSignatures, DemoPapersAreSignedByTheIssuingAgency) {
  const auto data = DemoData::load(KIOSK_BINARY_DIR "/sandbox/demo/demo.json");
  const auto trust = pdf::TrustStore::from_pem_file(KIOSK_BINARY_DIR "/sandbox/pki/gcc-root-ca.pem");
  ASSERT_TRUE(trust);
  int government = 0;
  int commercial = 0;
  for (const auto& item : data.vault) {
    const auto bytes = read(item.file);
    ASSERT_EQ(bytes.size(), item.meta["file"]["size"].get<std::size_t>()) << item.code;
    const auto check = pdf::verify_pdf_signature(bytes, *trust);
    ASSERT_TRUE(check) << item.code << ": " << check.error().detail;
    EXPECT_TRUE(check->covers_whole_document) << item.code;
    const std::string issuer = item.meta["signer"]["issuer"];
    if (issuer.find("Ban Cơ yếu Chính phủ") != std::string::npos) {
      EXPECT_TRUE(check->valid) << item.code << ": " << check->detail;
      EXPECT_EQ(check->signer_common_name, item.issuing_agency);
      ++government;
    } else {
      EXPECT_FALSE(check->valid) << item.code;
      EXPECT_EQ(check->problem, pdf::SignatureProblem::UntrustedSigner) << item.code;
      ++commercial;
    }
  }
  EXPECT_GE(government, 20);
  EXPECT_EQ(commercial, 1);
}

}  // namespace
}  // namespace kiosk::sandbox
