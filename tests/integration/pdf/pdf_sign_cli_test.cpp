// kiosk-pdf-sign end to end: what the demo data and technicians use.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_pki.hpp"

namespace kiosk::pdf {
namespace {

using testing::run_command;

class PdfSignCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kiosk-pdf-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    pki_ = testing::make_test_pki(dir_, "Sở Tư pháp tỉnh Thái Bình");
    testing::write_file(dir_ / "in.pdf", testing::make_sample_pdf(true));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  int sign(std::string& output) {
    return run_command(tool_ + " --in '" + (dir_ / "in.pdf").string() + "' --out '" +
                           (dir_ / "out.pdf").string() + "' --sign-key '" + pki_.device_key.string() +
                           "' --sign-cert '" + pki_.device_pem.string() +
                           "' --line 'Ký bởi: Sở Tư pháp tỉnh Thái Bình' --line 'Ngày ký: 02/02/2024'",
                       output);
  }

  std::string tool_ = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-pdf-sign";
  std::filesystem::path dir_;
  testing::TestPki pki_;
};

TEST_F(PdfSignCliTest, SignsAndVerifiesAgainstTheTrustAnchor) {
  std::string output;
  ASSERT_EQ(sign(output), 0) << output;
  ASSERT_EQ(run_command(tool_ + " --verify --in '" + (dir_ / "out.pdf").string() + "' --trust '" +
                            pki_.ca_pem.string() + "'",
                        output),
            0)
      << output;
  EXPECT_NE(output.find("valid: yes"), std::string::npos) << output;
  EXPECT_NE(output.find("signer: Sở Tư pháp tỉnh Thái Bình"), std::string::npos) << output;
  ASSERT_EQ(run_command("pdfsig -nocert '" + (dir_ / "out.pdf").string() + "'", output), 0) << output;
  EXPECT_NE(output.find("Signature is Valid."), std::string::npos) << output;
}

TEST_F(PdfSignCliTest, VerifyWithoutTrustAnchorFails) {
  std::string output;
  ASSERT_EQ(sign(output), 0) << output;
  EXPECT_EQ(run_command(tool_ + " --verify --in '" + (dir_ / "out.pdf").string() + "'", output), 1) << output;
  EXPECT_NE(output.find("valid: no"), std::string::npos) << output;
}

TEST_F(PdfSignCliTest, UnsignedInputFailsVerification) {
  std::string output;
  EXPECT_EQ(run_command(tool_ + " --verify --in '" + (dir_ / "in.pdf").string() + "' --trust '" +
                            pki_.ca_pem.string() + "'",
                        output),
            1)
      << output;
  EXPECT_NE(output.find("signatures: 0"), std::string::npos) << output;
}

}  // namespace
}  // namespace kiosk::pdf
