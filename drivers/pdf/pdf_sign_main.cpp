// kiosk-pdf-sign: signs a PDF the way the kiosk signs digitized papers, and
// kiosk-pdf-sign --verify checks one, for technicians and demo data.
#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include "drivers/pdf/pades_signer.hpp"
#include "drivers/pdf/signature_verifier.hpp"

namespace {

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk::pdf;
  CLI::App app{"Sign or verify a PDF (PAdES baseline B-B)"};
  std::string in_path;
  std::string out_path;
  std::string key;
  std::string cert;
  std::string device = "Kiosk";
  std::string staff;
  std::vector<std::string> lines;
  std::string trust_path;
  bool verify = false;
  app.add_option("--in", in_path, "input PDF")->required();
  app.add_option("--out", out_path, "signed PDF to write");
  app.add_option("--sign-key", key, "private key: path or OSSL_STORE URI");
  app.add_option("--sign-cert", cert, "PEM certificate chain, leaf first");
  app.add_option("--device", device, "digitizer shown in the visible block");
  app.add_option("--staff", staff, "assisting staff member shown in the visible block");
  app.add_option("--line", lines, "visible block line (repeatable); replaces the digitizer block");
  app.add_flag("--verify", verify, "verify instead of signing");
  app.add_option("--trust", trust_path, "PEM trust anchors for --verify");
  CLI11_PARSE(app, argc, argv);

  const auto input = read_file(in_path);
  if (input.empty()) {
    std::cerr << "cannot read " << in_path << "\n";
    return 2;
  }
  if (verify) {
    TrustStore trust = TrustStore::empty();
    if (!trust_path.empty()) {
      auto loaded = TrustStore::from_pem_file(trust_path);
      if (!loaded) {
        std::cerr << "trust: " << loaded.error().detail << "\n";
        return 2;
      }
      trust = std::move(loaded.value());
    }
    auto check = verify_pdf_signature(input, trust);
    if (!check) {
      std::cerr << pdf_error_name(check.error().code) << ": " << check.error().detail << "\n";
      return 2;
    }
    std::cout << "valid: " << (check->valid ? "yes" : "no") << "\n"
              << "covers whole document: " << (check->covers_whole_document ? "yes" : "no") << "\n"
              << "signer: " << check->signer_common_name << "\n"
              << "signatures: " << check->signature_count << "\n";
    if (!check->detail.empty()) {
      std::cout << "detail: " << check->detail << "\n";
    }
    return check->valid && check->covers_whole_document ? 0 : 1;
  }
  if (key.empty() || cert.empty() || out_path.empty()) {
    std::cerr << "signing needs --sign-key, --sign-cert and --out\n";
    return 2;
  }
  auto signer = SignerIdentity::load(key, cert);
  if (!signer) {
    std::cerr << pdf_error_name(signer.error().code) << ": " << signer.error().detail << "\n";
    return 2;
  }
  const auto now = std::chrono::system_clock::now();
  SignatureAppearance look = digitized_by_appearance(device, staff, now);
  if (!lines.empty()) {
    look.lines = lines;
  }
  auto signed_pdf = sign_pdf(input, *signer, look, now);
  if (!signed_pdf) {
    std::cerr << pdf_error_name(signed_pdf.error().code) << ": " << signed_pdf.error().detail << "\n";
    return 1;
  }
  std::ofstream out(out_path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(signed_pdf->data()),
            static_cast<std::streamsize>(signed_pdf->size()));
  return out ? 0 : 1;
}
