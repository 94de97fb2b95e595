// kiosk-qr decode FILE... [--json]: what the kiosk reads from pictures of a
// card or receipt QR code, and why a code is refused.
#include <chrono>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "drivers/camera/image_file.hpp"
#include "drivers/qr/cccd_payload.hpp"
#include "drivers/qr/guidance.hpp"
#include "drivers/qr/mrz_inputs.hpp"
#include "drivers/qr/qr_decoder.hpp"
#include "drivers/qr/receipt_code.hpp"

namespace {

using nlohmann::json;
using namespace kiosk;

json describe_payload(const std::string& payload) {
  json out{{"payload", payload}};
  const auto cccd = qr::parse_cccd_payload(payload);
  if (cccd.ok()) {
    const qr::CccdIdentity& c = cccd.value();
    const qr::MrzInputs mrz = qr::mrz_inputs_from_qr(c);
    out["kind"] = "cccd";
    out["fields"] = {{"id", c.id},
                     {"old_id", c.old_id},
                     {"full_name", c.full_name},
                     {"date_of_birth", c.date_of_birth.iso()},
                     {"sex", std::string(qr::sex_label(c.sex))},
                     {"address", c.address},
                     {"issue_date", c.issue_date.iso()},
                     {"extra_fields", c.extra_fields},
                     {"sex_digit_matches", c.sex_digit_matches}};
    out["mrz"] = {{"document_number", mrz.document_number},
                  {"date_of_birth", mrz.date_of_birth},
                  {"date_of_expiry", mrz.date_of_expiry}};
    return out;
  }
  const auto receipt = qr::parse_receipt_payload(payload);
  if (receipt.ok()) {
    out["kind"] = "receipt";
    out["fields"] = {{"dossier_code", receipt.value().code},
                     {"agency", receipt.value().agency},
                     {"received", receipt.value().received.iso()},
                     {"sequence", receipt.value().sequence}};
    return out;
  }
  out["kind"] = "rejected";
  out["cccd_rejection"] = {{"code", std::string(qr::to_string(cccd.rejection().code))},
                           {"reason", cccd.rejection().detail}};
  out["receipt_rejection"] = {{"code", std::string(qr::to_string(receipt.rejection().code))},
                              {"reason", receipt.rejection().detail}};
  return out;
}

json decode_file(const std::string& file, const qr::QrDecoder& decoder) {
  json out{{"file", file}};
  const auto loaded = camera::load_image_file(file);
  if (const auto* error = std::get_if<camera::CameraError>(&loaded)) {
    out["error"] = error->detail;
    return out;
  }
  const camera::Frame& frame = std::get<camera::Frame>(loaded);
  const auto t0 = std::chrono::steady_clock::now();
  const qr::DecodeOutcome outcome = decoder.decode(frame.gray_view());
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  out["ms"] = ms;
  out["codes"] = json::array();
  for (const qr::DecodedSymbol& s : outcome.symbols) {
    out["codes"].push_back(describe_payload(s.text));
  }
  out["hint"] = std::string(qr::to_string(qr::guidance_hint(outcome, frame.gray_view())));
  return out;
}

void print_text(const json& r) {
  std::cout << r["file"].get<std::string>() << ":";
  if (r.contains("error")) {
    std::cout << " cannot read picture: " << r["error"].get<std::string>() << "\n";
    return;
  }
  std::cout << " " << r["codes"].size() << " code(s), " << r["ms"].get<double>() << " ms";
  if (r["codes"].empty()) {
    std::cout << ", hint: " << r["hint"].get<std::string>();
  }
  std::cout << "\n";
  for (const json& c : r["codes"]) {
    std::cout << "  payload: " << c["payload"].get<std::string>() << "\n";
    if (c["kind"] == "rejected") {
      std::cout << "  not a CCCD: " << c["cccd_rejection"]["reason"].get<std::string>() << "\n";
      std::cout << "  not a receipt: " << c["receipt_rejection"]["reason"].get<std::string>() << "\n";
      continue;
    }
    std::cout << "  " << c["kind"].get<std::string>() << ":\n";
    for (const auto& [key, value] : c["fields"].items()) {
      std::cout << "    " << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump())
                << "\n";
    }
    if (c.contains("mrz")) {
      std::cout << "    chip access (MRZ): " << c["mrz"]["document_number"].get<std::string>() << " "
                << c["mrz"]["date_of_birth"].get<std::string>() << " "
                << c["mrz"]["date_of_expiry"].get<std::string>() << "\n";
    }
  }
}

int usage() {
  std::cerr << "usage: kiosk-qr decode FILE... [--json]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || std::strcmp(argv[1], "decode") != 0) {
    return usage();
  }
  bool as_json = false;
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      as_json = true;
    } else {
      files.emplace_back(argv[i]);
    }
  }
  if (files.empty()) {
    return usage();
  }
  const qr::QrDecoder decoder;
  json all = json::array();
  bool any_unreadable = false;
  for (const std::string& f : files) {
    json r = decode_file(f, decoder);
    any_unreadable = any_unreadable || r.contains("error");
    if (as_json) {
      all.push_back(std::move(r));
    } else {
      print_text(r);
    }
  }
  if (as_json) {
    std::cout << all.dump(2) << "\n";
  }
  return any_unreadable ? 1 : 0;
}
