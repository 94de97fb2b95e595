#include <gtest/gtest.h>

#include <openssl/cms.h>
#include <openssl/objects.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "drivers/pdf/pades_signer.hpp"
#include "drivers/pdf/signature_verifier.hpp"
#include "test_pki.hpp"

namespace kiosk::pdf {
namespace {

using testing::make_sample_pdf;
using testing::read_file;
using testing::run_command;
using testing::write_file;

// 2024-02-02 03:30:00 UTC, 10:30 in Vietnam.
const auto kSigningTime =
    std::chrono::sys_days{std::chrono::year{2024} / 2 / 2} + std::chrono::hours{3} + std::chrono::minutes{30};

class PadesSignerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kiosk-pades-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    pki_ = testing::make_test_pki(dir_, "Kiosk TTHC-01");
    auto identity = SignerIdentity::load(pki_.device_key.string(), pki_.device_pem.string());
    ASSERT_TRUE(identity) << identity.error().detail;
    signer_ = std::move(identity.value());
    auto trust = TrustStore::from_pem_file(pki_.ca_pem.string());
    ASSERT_TRUE(trust);
    trust_ = std::move(trust.value());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::uint8_t> sign(const std::vector<std::uint8_t>& pdf) {
    auto signed_pdf = sign_pdf(
        pdf, signer_, digitized_by_appearance("Kiosk TTHC-01", "Nguyễn Văn An", kSigningTime), kSigningTime);
    EXPECT_TRUE(signed_pdf) << (signed_pdf ? "" : signed_pdf.error().detail);
    return signed_pdf ? signed_pdf.value() : std::vector<std::uint8_t>{};
  }

  std::string tool_output(const std::string& command, const std::vector<std::uint8_t>& pdf, int& status) {
    const auto path = dir_ / "tool.pdf";
    write_file(path, pdf);
    std::string output;
    status = run_command(command + " '" + path.string() + "'", output);
    return output;
  }

  std::filesystem::path dir_;
  testing::TestPki pki_;
  SignerIdentity signer_;
  TrustStore trust_ = TrustStore::empty();
};

void expect_verifies(const std::vector<std::uint8_t>& pdf, const TrustStore& trust) {
  auto check = verify_pdf_signature(pdf, trust);
  ASSERT_TRUE(check) << check.error().detail;
  EXPECT_TRUE(check->valid) << check->detail;
  EXPECT_TRUE(check->covers_whole_document);
  EXPECT_EQ(check->problem, SignatureProblem::None);
  EXPECT_EQ(check->signer_common_name, "Kiosk TTHC-01");
  EXPECT_EQ(check->sub_filter, "/ETSI.CAdES.detached");
  ASSERT_TRUE(check->signing_time.has_value());
  EXPECT_EQ(*check->signing_time, kSigningTime);
}

TEST_F(PadesSignerTest, SignsClassicXrefPdfThatVerifies) {
  const auto signed_pdf = sign(make_sample_pdf(false));
  expect_verifies(signed_pdf, trust_);
}

TEST_F(PadesSignerTest, SignsXrefStreamPdfThatVerifies) {
  const auto signed_pdf = sign(make_sample_pdf(true));
  expect_verifies(signed_pdf, trust_);
}

TEST_F(PadesSignerTest, KeepsOriginalBytesAsPrefix) {
  const auto original = make_sample_pdf(false);
  const auto signed_pdf = sign(original);
  ASSERT_GT(signed_pdf.size(), original.size());
  EXPECT_TRUE(std::equal(original.begin(), original.end(), signed_pdf.begin()));
}

TEST_F(PadesSignerTest, QpdfCheckIsClean) {
  for (bool stream : {false, true}) {
    int status = -1;
    const std::string output = tool_output("qpdf --check", sign(make_sample_pdf(stream)), status);
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find("No syntax or stream encoding errors"), std::string::npos) << output;
    EXPECT_EQ(output.find("WARNING"), std::string::npos) << output;
  }
}

TEST_F(PadesSignerTest, PdfsigReportsValidSignatureOverWholeDocument) {
  for (bool stream : {false, true}) {
    int status = -1;
    const std::string output = tool_output("pdfsig -nocert", sign(make_sample_pdf(stream)), status);
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find("Signature Validation: Signature is Valid."), std::string::npos) << output;
    EXPECT_NE(output.find("Total document signed"), std::string::npos) << output;
    EXPECT_NE(output.find("ETSI.CAdES.detached"), std::string::npos) << output;
    EXPECT_NE(output.find("SHA-256"), std::string::npos) << output;
  }
}

TEST_F(PadesSignerTest, PdfsigTrustsCertificateFromTestCaInNssDatabase) {
  std::string output;
  if (run_command("command -v certutil", output) != 0) {
    GTEST_SKIP() << "certutil (libnss3-tools) not installed";
  }
  const auto nss = dir_ / "nss";
  std::filesystem::create_directories(nss);
  ASSERT_EQ(run_command("certutil -N -d sql:" + nss.string() + " --empty-password", output), 0) << output;
  ASSERT_EQ(run_command("certutil -A -d sql:" + nss.string() + " -n kiosk-test-ca -t CT,C,C -i " +
                            pki_.ca_pem.string(),
                        output),
            0)
      << output;
  int status = -1;
  output = tool_output("pdfsig -nssdir sql:" + nss.string(), sign(make_sample_pdf(false)), status);
  EXPECT_NE(output.find("Signature Validation: Signature is Valid."), std::string::npos) << output;
  EXPECT_NE(output.find("Certificate Validation: Certificate is Trusted."), std::string::npos) << output;
}

TEST_F(PadesSignerTest, SecondSignatureKeepsFirstIntact) {
  const auto twice = sign(sign(make_sample_pdf(false)));
  expect_verifies(twice, trust_);
  auto check = verify_pdf_signature(twice, trust_);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->signature_count, 2);
  int status = -1;
  const std::string output = tool_output("pdfsig -nocert", twice, status);
  EXPECT_NE(output.find("Signature #2"), std::string::npos) << output;
  std::size_t valid = 0;
  for (std::size_t at = output.find("Signature is Valid."); at != std::string::npos;
       at = output.find("Signature is Valid.", at + 1)) {
    ++valid;
  }
  EXPECT_EQ(valid, 2u) << output;
}

TEST_F(PadesSignerTest, CmsHasSigningCertificateV2AndNoSigningTime) {
  const auto signed_pdf = sign(make_sample_pdf(false));
  const std::string text(signed_pdf.begin(), signed_pdf.end());
  const auto start = text.rfind("/Contents <");
  ASSERT_NE(start, std::string::npos);
  const auto end = text.find('>', start);
  std::vector<unsigned char> der;
  for (auto at = start + 11; at + 1 < end; at += 2) {
    der.push_back(static_cast<unsigned char>(std::stoi(text.substr(at, 2), nullptr, 16)));
  }
  const unsigned char* p = der.data();
  CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size()));
  ASSERT_NE(cms, nullptr);
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
  EXPECT_LT(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1), 0);
  EXPECT_GE(CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1), 0);
  EXPECT_GE(CMS_signed_get_attr_by_NID(si, NID_pkcs9_messageDigest, -1), 0);
  X509_ALGOR* digest = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest, nullptr);
  ASSERT_NE(digest, nullptr);
  const ASN1_OBJECT* oid = nullptr;
  X509_ALGOR_get0(&oid, nullptr, nullptr, digest);
  EXPECT_EQ(OBJ_obj2nid(oid), NID_sha256);
  CMS_ContentInfo_free(cms);
}

TEST_F(PadesSignerTest, ChangedByteIsReportedAsTampered) {
  auto signed_pdf = sign(make_sample_pdf(false));
  const std::string text(signed_pdf.begin(), signed_pdf.end());
  const auto at = text.find("/Count 1");
  ASSERT_NE(at, std::string::npos);
  signed_pdf[at + 7] = '2';
  auto check = verify_pdf_signature(signed_pdf, trust_);
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->valid);
  EXPECT_EQ(check->problem, SignatureProblem::Tampered);
}

TEST_F(PadesSignerTest, GarbledCmsIsMalformedNotTampered) {
  auto signed_pdf = sign(make_sample_pdf(false));
  const std::string text(signed_pdf.begin(), signed_pdf.end());
  const auto at = text.rfind("/Contents <");
  ASSERT_NE(at, std::string::npos);
  for (std::size_t i = at + 11; i < at + 11 + 16; ++i) {
    signed_pdf[i] = 'f';  // the SignedData header is gone
  }
  auto check = verify_pdf_signature(signed_pdf, trust_);
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->valid);
  EXPECT_EQ(check->problem, SignatureProblem::MalformedSignature);
}

TEST_F(PadesSignerTest, AppendedBytesAreNotCovered) {
  auto signed_pdf = sign(make_sample_pdf(false));
  const std::string extra = "\n% appended after signing\n";
  signed_pdf.insert(signed_pdf.end(), extra.begin(), extra.end());
  auto check = verify_pdf_signature(signed_pdf, trust_);
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->valid);
  EXPECT_FALSE(check->covers_whole_document);
}

TEST_F(PadesSignerTest, UnknownCaIsUntrustedButIntact) {
  auto check = verify_pdf_signature(sign(make_sample_pdf(false)), TrustStore::empty());
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->valid);
  EXPECT_EQ(check->problem, SignatureProblem::UntrustedSigner);
  EXPECT_EQ(check->signer_common_name, "Kiosk TTHC-01");
}

TEST_F(PadesSignerTest, UnsignedPdfIsReportedUnsigned) {
  auto check = verify_pdf_signature(make_sample_pdf(false), trust_);
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->valid);
  EXPECT_EQ(check->problem, SignatureProblem::Unsigned);
  EXPECT_EQ(check->signature_count, 0);
}

TEST_F(PadesSignerTest, GarbageIsMalformedForSignerAndVerifier) {
  const std::vector<std::uint8_t> garbage{'n', 'o', 't', ' ', 'a', ' ', 'p', 'd', 'f'};
  auto signed_pdf = sign_pdf(garbage, signer_, SignatureAppearance{{"x"}, "", ""}, kSigningTime);
  ASSERT_FALSE(signed_pdf);
  EXPECT_EQ(signed_pdf.error().code, PdfErrorCode::MalformedPdf);
  auto check = verify_pdf_signature(garbage, trust_);
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, PdfErrorCode::MalformedPdf);
}

TEST_F(PadesSignerTest, EncryptedPdfIsRefused) {
  write_file(dir_ / "plain.pdf", make_sample_pdf(false));
  for (const std::string user_password : {"", "secret"}) {
    std::string output;
    ASSERT_EQ(run_command("qpdf --encrypt '" + user_password + "' owner 256 -- '" +
                              (dir_ / "plain.pdf").string() + "' '" + (dir_ / "locked.pdf").string() + "'",
                          output),
              0)
        << output;
    auto signed_pdf =
        sign_pdf(read_file(dir_ / "locked.pdf"), signer_, SignatureAppearance{{"x"}, "", ""}, kSigningTime);
    ASSERT_FALSE(signed_pdf);
    EXPECT_EQ(signed_pdf.error().code, PdfErrorCode::EncryptedPdf) << signed_pdf.error().detail;
  }
}

TEST_F(PadesSignerTest, DamagedXrefIsRepairedBeforeSigning) {
  auto pdf = make_sample_pdf(false);
  std::string text(pdf.begin(), pdf.end());
  const auto at = text.rfind("startxref\n");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 10, text.find('\n', at + 10) - (at + 10), "17");
  const std::vector<std::uint8_t> damaged(text.begin(), text.end());
  expect_verifies(sign(damaged), trust_);
}

TEST_F(PadesSignerTest, LoadRejectsMismatchedAndMissingKeys) {
  auto mismatch = SignerIdentity::load(pki_.other_key.string(), pki_.device_pem.string());
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, PdfErrorCode::KeyCertificateMismatch);
  auto missing = SignerIdentity::load((dir_ / "absent.key").string(), pki_.device_pem.string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, PdfErrorCode::KeyUnreadable);
  auto no_cert = SignerIdentity::load(pki_.device_key.string(), pki_.device_key.string());
  ASSERT_FALSE(no_cert);
  EXPECT_EQ(no_cert.error().code, PdfErrorCode::CertificateUnreadable);
  auto by_uri = SignerIdentity::load("file:" + pki_.device_key.string(), pki_.device_pem.string());
  EXPECT_TRUE(by_uri) << by_uri.error().detail;
}

// The visible block sits at the top-left of the first page and is drawn in
// ink: render with pdftoppm and look for dark pixels there.
TEST_F(PadesSignerTest, VisibleBlockIsDrawnAtTopLeftOfFirstPage) {
  write_file(dir_ / "signed.pdf", sign(make_sample_pdf(false)));
  std::string output;
  ASSERT_EQ(run_command("pdftoppm -r 50 -gray -f 1 -l 1 '" + (dir_ / "signed.pdf").string() + "' '" +
                            (dir_ / "page").string() + "'",
                        output),
            0)
      << output;
  std::filesystem::path pgm;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    if (entry.path().extension() == ".pgm") {
      pgm = entry.path();
    }
  }
  ASSERT_FALSE(pgm.empty());
  std::ifstream in(pgm, std::ios::binary);
  std::string magic;
  int width = 0;
  int height = 0;
  int maxval = 0;
  in >> magic >> width >> height >> maxval;
  in.get();
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height);
  in.read(reinterpret_cast<char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
  ASSERT_EQ(magic, "P5");
  auto dark_in = [&](int x0, int y0, int x1, int y1) {
    int dark = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        dark += pixels[static_cast<std::size_t>(y) * width + x] < 100 ? 1 : 0;
      }
    }
    return dark;
  };
  EXPECT_GT(dark_in(0, 0, width / 2, height / 8), 50);                 // block text and frame, top-left
  EXPECT_EQ(dark_in(width / 2 + width / 8, 0, width, height / 8), 0);  // nothing top-right
}

TEST(PdfDate, ParsesOffsetsAndRejectsNonsense) {
  EXPECT_EQ(parse_pdf_date("D:20240202103000+07'00'"), kSigningTime);
  EXPECT_EQ(parse_pdf_date("D:20240202033000Z"), kSigningTime);
  EXPECT_EQ(parse_pdf_date("D:2024"), std::chrono::sys_days{std::chrono::year{2024} / 1 / 1});
  EXPECT_FALSE(parse_pdf_date("D:20241302"));
  EXPECT_FALSE(parse_pdf_date("yesterday"));
  EXPECT_FALSE(parse_pdf_date(""));
}

TEST(DigitizedByAppearance, NamesDeviceStaffAndVietnamTime) {
  const auto look = digitized_by_appearance("Kiosk TTHC-01", "Trần Thị Bích", kSigningTime);
  std::string all;
  for (const auto& line : look.lines) {
    all += line + "\n";
  }
  EXPECT_NE(all.find("Kiosk TTHC-01"), std::string::npos);
  EXPECT_NE(all.find("Trần Thị Bích"), std::string::npos);
  EXPECT_NE(all.find("02/02/2024 10:30:00"), std::string::npos);
  const auto without_staff = digitized_by_appearance("Kiosk TTHC-01", "", kSigningTime);
  EXPECT_EQ(without_staff.lines.size(), look.lines.size() - 1);
}

}  // namespace
}  // namespace kiosk::pdf
