// Builds the stand-in provincial system's demo data: a test PKI (the
// Government Cipher Committee root and agency signers, TLS server and kiosk
// device certificates), one PDF per vault item, and demo.json that
// kiosk-sandbox loads at start.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>

#include <openssl/x509.h>
#include <nlohmann/json.hpp>

#include "drivers/pdf/pades_signer.hpp"
#include "sandbox/civil_date.hpp"
#include "sandbox/generator/test_pki.hpp"
#include "sandbox/generator/text_pdf.hpp"
#include "sandbox/generator/truetype_font.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kiosk::sandbox {
namespace {

struct Options {
  fs::path citizens;
  fs::path catalogue;
  fs::path vault;
  fs::path font;
  fs::path out;
  fs::path pki;
  CivilDate today = CivilDate::local_today(std::chrono::system_clock::now());
};

json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return json::parse(in);
}

std::vector<std::uint8_t> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

// "2024-02-02", "today-30", "today+150"
CivilDate resolve_date(const std::string& text, const CivilDate& today) {
  if (text.rfind("today", 0) == 0) {
    return text.size() == 5 ? today : today.plus_days(std::stol(text.substr(5)));
  }
  const auto d = CivilDate::parse(text);
  if (!d) {
    throw std::runtime_error("bad date in vault.json: " + text);
  }
  return *d;
}

std::string dmy(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

struct Pki {
  Issued gcc_root;
  Issued commercial_root;
  std::map<std::string, Issued> agency_signers;  // by issuing agency name
  Issued commercial_signer;

  const Issued& signer_for(const std::string& agency, bool commercial) {
    if (commercial) {
      return commercial_signer;
    }
    auto it = agency_signers.find(agency);
    if (it == agency_signers.end()) {
      it = agency_signers
               .emplace(agency, issue({agency, agency, CertRole::kDocumentSigner, {}, 3650, true},
                                      KeyType::kRsa2048, &gcc_root))
               .first;
    }
    return it->second;
  }
};

Pki make_pki(const fs::path& dir) {
  fs::create_directories(dir);
  Pki pki{
      issue({"Ban Cơ yếu Chính phủ - CA thử nghiệm", "Ban Cơ yếu Chính phủ", CertRole::kCa, {}, 7300, true},
            KeyType::kRsa2048, nullptr),
      issue({"CA thương mại thử nghiệm", "Công ty Chứng thực số thử nghiệm", CertRole::kCa, {}, 7300, true},
            KeyType::kEcP256, nullptr),
      {},
      {}};
  pki.commercial_signer = issue({"Sở Giáo dục và Đào tạo (chứng thư thương mại)",
                                 "Chứng thư số thương mại",
                                 CertRole::kDocumentSigner,
                                 {},
                                 3650,
                                 true},
                                KeyType::kEcP256, &pki.commercial_root);
  write_cert_pem(*pki.gcc_root.cert, (dir / "gcc-root-ca.pem").string());
  write_cert_pem(*pki.commercial_root.cert, (dir / "commercial-ca.pem").string());

  // TLS: the server's certificate for loopback, the provisioning CA that
  // issues kiosk device certificates, one provisioned kiosk, and one kiosk
  // whose certificate comes from a CA the server does not trust.
  const Issued tls_ca = issue({"Kiosk sandbox TLS CA (test)", "kiosk-sandbox", CertRole::kCa, {}, 3650},
                              KeyType::kEcP256, nullptr);
  const Issued server = issue(
      {"localhost", "kiosk-sandbox", CertRole::kTlsServer, {"DNS:localhost", "IP:127.0.0.1", "IP:::1"}, 3650},
      KeyType::kEcP256, &tls_ca);
  const Issued device_ca = issue({"Kiosk provisioning CA (test)",
                                  "Trung tâm Phục vụ hành chính công (thử nghiệm)",
                                  CertRole::kCa,
                                  {},
                                  3650},
                                 KeyType::kEcP256, nullptr);
  const Issued device = issue(
      {"kiosk-demo-0001", "Trung tâm Phục vụ hành chính công (thử nghiệm)", CertRole::kTlsClient, {}, 3650},
      KeyType::kEcP256, &device_ca);
  const Issued rogue_ca =
      issue({"Untrusted CA (test)", "Unknown", CertRole::kCa, {}, 3650}, KeyType::kEcP256, nullptr);
  const Issued rogue =
      issue({"kiosk-rogue-0001", "Unknown", CertRole::kTlsClient, {}, 3650}, KeyType::kEcP256, &rogue_ca);
  write_cert_pem(*tls_ca.cert, (dir / "server-ca.pem").string());
  write_cert_pem(*server.cert, (dir / "server.pem").string());
  write_key_pem(*server.key, (dir / "server.key").string());
  write_cert_pem(*device_ca.cert, (dir / "device-ca.pem").string());
  write_cert_pem(*device.cert, (dir / "device.pem").string());
  write_key_pem(*device.key, (dir / "device.key").string());
  write_cert_pem(*rogue.cert, (dir / "rogue-device.pem").string());
  write_key_pem(*rogue.key, (dir / "rogue-device.key").string());
  return pki;
}

// Vault papers carry the issuing agency's PAdES signature, its visible block
// at the top-left of the first page, signed at 09:00 on the issue day.
std::vector<std::uint8_t> sign_item(const std::vector<std::uint8_t>& pdf, const Issued& signer,
                                    const Issued& ca, const std::string& font, const CivilDate& issue_date) {
  EVP_PKEY_up_ref(signer.key.get());
  X509_up_ref(signer.cert.get());
  const kiosk::pdf::SignerIdentity identity{
      kiosk::ossl::Pkey(signer.key.get()), kiosk::ossl::X509Ptr(signer.cert.get()), {}};
  char when[32];
  std::snprintf(when, sizeof when, "%02d/%02d/%04d 09:00", issue_date.day, issue_date.month, issue_date.year);
  char common_name[256] = "";
  X509_NAME_get_text_by_NID(X509_get_subject_name(signer.cert.get()), NID_commonName, common_name,
                            sizeof common_name);
  char issuer_name[256] = "";
  X509_NAME_get_text_by_NID(X509_get_subject_name(ca.cert.get()), NID_commonName, issuer_name,
                            sizeof issuer_name);
  const kiosk::pdf::SignatureAppearance look{
      {std::string("Ký bởi: ") + common_name, std::string("Chứng thư số: ") + issuer_name,
       std::string("Thời gian ký: ") + when},
      "Ký số kết quả giải quyết thủ tục hành chính",
      font};
  const auto signing_time =
      std::chrono::sys_days{std::chrono::days{issue_date.days_since_epoch()}} + std::chrono::hours{2};
  auto signed_pdf = kiosk::pdf::sign_pdf(pdf, identity, look, signing_time);
  if (!signed_pdf) {
    throw std::runtime_error("signing a demo paper failed: " + signed_pdf.error().detail);
  }
  return std::move(signed_pdf).value();
}

std::vector<std::uint8_t> render_item(const TrueTypeFont& font, const json& item, const json& owner,
                                      const std::string& catalog_name, const CivilDate& issue_date,
                                      const std::string& valid_until_text) {
  TextPdf pdf(font);
  pdf.new_page();
  const double left = 60;
  const double width = TextPdf::kPageWidth - 2 * left;
  // Below the signature block the signer draws at the top-left corner.
  double y = TextPdf::kPageHeight - 100;
  pdf.text(left, y, 10, item["issuing_agency"].get<std::string>());
  pdf.text(330, y, 10, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  y -= 14;
  const std::string decision = item["decision_number"].get<std::string>();
  pdf.text(left, y, 10, decision.empty() ? "" : "Số: " + decision);
  pdf.text(365, y, 10, "Độc lập - Tự do - Hạnh phúc");
  pdf.rule(365, y - 4, 505, y - 4, 0.6);
  y -= 60;
  pdf.centered(y, 18, item["name"].get<std::string>());
  y -= 22;
  pdf.centered(y, 11, "(" + catalog_name + ")");
  y -= 40;
  const auto field = [&](const std::string& label, const std::string& value) {
    y = pdf.wrapped(left, y, width, 12, label + ": " + value) - 4;
  };
  field("Họ, chữ đệm và tên", owner["full_name"].get<std::string>());
  field("Ngày, tháng, năm sinh", dmy(*CivilDate::parse(owner["date_of_birth"].get<std::string>())));
  field("Giới tính", owner["sex"].get<std::string>());
  field("Số định danh cá nhân", owner["id"].get<std::string>());
  field("Nơi cư trú", owner["place_of_residence"].get<std::string>());
  y -= 10;
  field("Nội dung", item["summary"].get<std::string>());
  field("Ngày cấp", dmy(issue_date));
  field("Thời hạn có hiệu lực", valid_until_text);
  field("Phạm vi có hiệu lực", item["validity_scope"].get<std::string>());
  field("Mã giấy tờ", item["code"].get<std::string>());
  y -= 30;
  pdf.text(340, y, 11,
           "Ngày " + std::to_string(issue_date.day) + " tháng " + std::to_string(issue_date.month) + " năm " +
               std::to_string(issue_date.year));
  y -= 18;
  pdf.text(360, y, 12, "NGƯỜI KÝ (đã ký số)");
  pdf.rule(left, 60, TextPdf::kPageWidth - left, 60, 0.4);
  pdf.text(left, 46, 8,
           "Dữ liệu mẫu của máy chủ thử nghiệm kiosk-sandbox — không có giá trị pháp lý. "
           "Demo data of the kiosk sandbox, no legal value.");
  return pdf.bytes(item["name"].get<std::string>());
}

int run(const Options& opt) {
  const json citizens = read_json(opt.citizens);
  const json catalogue = read_json(opt.catalogue);
  const json vault = read_json(opt.vault);
  const TrueTypeFont font(read_bytes(opt.font));
  Pki pki = make_pki(opt.pki);

  std::map<std::string, std::string> catalog_names;
  for (const auto& e : catalogue.at("catalog")) {
    catalog_names[e.at("code").get<std::string>()] = e.at("name").get<std::string>();
  }
  std::map<std::string, json> owners;
  for (const auto& c : citizens.at("citizens")) {
    owners[c.at("id").get<std::string>()] = c;
  }

  const fs::path files = opt.out / "files";
  fs::create_directories(files);
  json items = json::array();
  std::map<std::string, int> item_count;
  for (json item : vault.at("items")) {
    const std::string owner_id = item.at("owner_id").get<std::string>();
    const auto owner = owners.find(owner_id);
    if (owner == owners.end()) {
      throw std::runtime_error("vault item of unknown citizen " + owner_id);
    }
    const std::string catalog = item.at("catalog").get<std::string>();
    if (!catalog_names.contains(catalog)) {
      throw std::runtime_error("vault item with unknown catalogue entry " + catalog);
    }
    const CivilDate issue_date = resolve_date(item.at("issue_date").get<std::string>(), opt.today);
    item["issue_date"] = issue_date.iso();
    item["valid_from"] = issue_date.iso();
    std::string valid_until_text = "Không thời hạn";
    if (!item.at("valid_until").is_null()) {
      const CivilDate until = resolve_date(item.at("valid_until").get<std::string>(), opt.today);
      item["valid_until"] = until.iso();
      valid_until_text = "Đến hết ngày " + dmy(until);
    }
    const bool commercial = item.value("signed_by", "gcc") == "commercial";
    item.erase("signed_by");
    const Issued& signer = pki.signer_for(item.at("issuing_agency").get<std::string>(), commercial);
    const std::vector<std::uint8_t> pdf = sign_item(
        render_item(font, item, owner->second, catalog_names[catalog], issue_date, valid_until_text), signer,
        commercial ? pki.commercial_root : pki.gcc_root, opt.font.string(), issue_date);
    const std::string file_name = item["code"].get<std::string>() + ".pdf";
    write_bytes(files / file_name, pdf);
    item["catalog"] = json{{"code", catalog}, {"name", catalog_names[catalog]}};
    item["file"] = json{{"name", file_name},
                        {"content_type", "application/pdf"},
                        {"size", pdf.size()},
                        {"sha256", sha256_hex(pdf.data(), pdf.size())},
                        {"path", "files/" + file_name}};
    item["signer"] = json{{"subject", subject_of(*signer.cert)},
                          {"issuer", subject_of(*(commercial ? pki.commercial_root : pki.gcc_root).cert)}};
    ++item_count[owner_id];
    items.push_back(std::move(item));
  }

  json people = json::array();
  for (json c : citizens.at("citizens")) {
    c.erase("card");
    c["has_vault"] = item_count[c.at("id").get<std::string>()] > 0;
    people.push_back(std::move(c));
  }
  json demo = catalogue;
  demo.erase("_comment");
  demo["generated_for"] = opt.today.iso();
  demo["citizens"] = std::move(people);
  demo["vault"] = std::move(items);
  std::ofstream out(opt.out / "demo.json", std::ios::trunc);
  out << demo.dump(1) << '\n';
  if (!out) {
    throw std::runtime_error("cannot write demo.json");
  }
  return 0;
}

}  // namespace
}  // namespace kiosk::sandbox

int main(int argc, char** argv) {
  kiosk::sandbox::Options opt;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--citizens") {
      opt.citizens = value;
    } else if (key == "--catalogue") {
      opt.catalogue = value;
    } else if (key == "--vault") {
      opt.vault = value;
    } else if (key == "--font") {
      opt.font = value;
    } else if (key == "--out") {
      opt.out = value;
    } else if (key == "--pki") {
      opt.pki = value;
    } else if (key == "--today") {
      const auto d = kiosk::sandbox::CivilDate::parse(value);
      if (!d) {
        std::cerr << "kiosk-sandbox-demo: --today wants YYYY-MM-DD\n";
        return 2;
      }
      opt.today = *d;
    } else {
      std::cerr << "kiosk-sandbox-demo: unknown option " << key << '\n';
      return 2;
    }
  }
  if (opt.citizens.empty() || opt.catalogue.empty() || opt.vault.empty() || opt.font.empty() ||
      opt.out.empty() || opt.pki.empty()) {
    std::cerr
        << "usage: kiosk-sandbox-demo --citizens F --catalogue F --vault F --font TTF --out DIR --pki DIR "
           "[--today YYYY-MM-DD]\n";
    return 2;
  }
  try {
    return kiosk::sandbox::run(opt);
  } catch (const std::exception& e) {
    std::cerr << "kiosk-sandbox-demo: " << e.what() << '\n';
    return 1;
  }
}
