// kiosk-card: the technician's tool for the chip reader.
//   kiosk-card readers
//   kiosk-card read --id <12 digits> --dob YYMMDD --expiry YYMMDD [--csca DIR] [--json]
//   kiosk-card read --id <12 digits> --dob YYMMDD --issued DDMMYYYY ...   (expiry from the law)
#include <CLI/CLI.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "drivers/card/atr.hpp"
#include "drivers/card/card_error.hpp"
#include "drivers/card/emrtd_reader.hpp"
#include "drivers/card/pcsc_reader.hpp"

namespace {
using namespace kiosk::card;
using nlohmann::json;

json error_json(const CardError& e) {
  return json{
      {"error", {{"code", error_code_name(e.code())}, {"retriable", e.retriable()}, {"message", e.what()}}}};
}

int list_readers(bool as_json) {
  PcscReaders readers;
  json out = json::array();
  for (const auto& s : readers.states()) {
    out.push_back({{"reader", s.name},
                   {"card_present", s.card_present},
                   {"atr", to_hex(s.atr)},
                   {"extended_length", s.card_present && atr_announces_extended_length(s.atr)}});
  }
  if (as_json) {
    std::cout << out.dump(2) << "\n";
  } else if (out.empty()) {
    std::cout << "no reader\n";
  } else {
    for (const auto& r : out) {
      std::cout << r["reader"].get<std::string>() << ": "
                << (r["card_present"].get<bool>() ? "card present, ATR " + r["atr"].get<std::string>()
                                                  : "empty")
                << "\n";
    }
  }
  return 0;
}

json read_json(const CardRead& r, const std::string& face_path) {
  json dg1 = {{"document_code", r.mrz.document_code},
              {"issuing_state", r.mrz.issuing_state},
              {"document_number", r.mrz.document_number},
              {"optional_data", r.mrz.optional_data1},
              {"date_of_birth", r.mrz.date_of_birth},
              {"sex", r.mrz.sex},
              {"date_of_expiry", r.mrz.date_of_expiry},
              {"nationality", r.mrz.nationality},
              {"primary_identifier", r.mrz.primary_identifier},
              {"secondary_identifier", r.mrz.secondary_identifier},
              {"mrz", r.mrz.text}};
  json dg13 = json::object();
  for (const auto& [index, values] : r.citizen.fields) {
    dg13[citizen_field_name(index)] = values.size() == 1 ? json(values.front()) : json(values);
  }
  json face = nullptr;
  if (r.face) {
    face = {{"path", face_path},
            {"format", r.face->format == FaceImage::Format::Jpeg ? "jpeg" : "jpeg2000"},
            {"width", r.face->width},
            {"height", r.face->height},
            {"bytes", r.face->encoded.size()}};
  }
  const auto& pa = r.authentication.passive;
  json phases = json::array();
  std::size_t apdus = 0, bytes = 0;
  double ms = 0;
  for (const auto& p : r.phases) {
    if (p.apdus == 0 && p.name == "connect")
      continue;
    phases.push_back({{"phase", p.name}, {"apdus", p.apdus}, {"bytes", p.bytes}, {"ms", p.ms}});
    apdus += p.apdus;
    bytes += p.bytes;
    ms += p.ms;
  }
  return json{{"access_control", r.authentication.access_control},
              {"extended_length", r.extended_length},
              {"data_groups", r.com.data_groups},
              {"dg1", dg1},
              {"dg13", dg13},
              {"face", face},
              {"passive_authentication",
               {{"status", passive_status_name(pa.status)},
                {"valid", pa.valid()},
                {"detail", pa.detail},
                {"mismatched_data_groups", pa.mismatched_groups},
                {"signature_algorithm", pa.signature_algorithm},
                {"document_signer", pa.document_signer}}},
              {"active_authentication", chip_check_name(r.authentication.active)},
              {"chip_authentication", chip_check_name(r.authentication.chip)},
              {"genuine", r.authentication.genuine()},
              {"phases", phases},
              {"total", {{"apdus", apdus}, {"bytes", bytes}, {"ms", ms}}}};
}

// The card's expiry from its birth and issue dates (cccd_expiry cites the law).
std::string expiry_from_issue_date(const std::string& dob_yymmdd, const std::string& issued_ddmmyyyy) {
  if (issued_ddmmyyyy.size() != 8 || dob_yymmdd.size() != 6 ||
      issued_ddmmyyyy.find_first_not_of("0123456789") != std::string::npos ||
      dob_yymmdd.find_first_not_of("0123456789") != std::string::npos) {
    throw CardError(ErrorCode::InvalidInput, "--issued must be DDMMYYYY and --dob YYMMDD");
  }
  const CivilDate issue{std::stoi(issued_ddmmyyyy.substr(4, 4)), std::stoi(issued_ddmmyyyy.substr(2, 2)),
                        std::stoi(issued_ddmmyyyy.substr(0, 2))};
  const int yy = std::stoi(dob_yymmdd.substr(0, 2));
  const int year = 2000 + yy <= issue.year ? 2000 + yy : 1900 + yy;
  const auto expiry =
      cccd_expiry({year, std::stoi(dob_yymmdd.substr(2, 2)), std::stoi(dob_yymmdd.substr(4, 2))}, issue);
  return expiry ? to_yymmdd(*expiry) : "none";
}

int read_card_command(const std::string& id, const std::string& dob, const std::string& expiry,
                      const std::string& csca_dir, const std::string& reader_name,
                      const std::string& face_out, bool as_json) {
  const MrzKey key = cccd_mrz_key(id, dob, expiry == "none" ? "" : expiry);
  std::optional<CscaStore> trust;
  if (!csca_dir.empty())
    trust = CscaStore::load_directory(csca_dir);
  PcscReaders readers;
  std::string reader = reader_name;
  if (reader.empty()) {
    const auto states = readers.states();
    if (states.empty())
      throw CardError(ErrorCode::NoReader, "no PC/SC reader attached");
    for (const auto& s : states) {
      if (s.card_present) {
        reader = s.name;
        break;
      }
    }
    if (reader.empty())
      throw CardError(ErrorCode::NoCard, "no card in any reader");
  }
  const auto connection = readers.connect(reader);
  ReadOptions options{key, trust ? &*trust : nullptr, {}, 0, true};
  CardRead r = read_card(*connection, options);
  std::string face_path;
  if (r.face) {
    face_path = face_out.empty()
                    ? (std::filesystem::temp_directory_path() /
                       ("kiosk-card-face-" + std::to_string(::getpid()) + r.face->file_extension()))
                          .string()
                    : face_out;
    std::ofstream(face_path, std::ios::binary)
        .write(reinterpret_cast<const char*>(r.face->encoded.data()),
               static_cast<std::streamsize>(r.face->encoded.size()));
  }
  const json out = read_json(r, face_path);
  if (as_json) {
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "access control: " << out["access_control"].get<std::string>() << "\n";
    std::cout << "MRZ: " << r.mrz.text.substr(0, 30) << "\n     " << r.mrz.text.substr(30, 30) << "\n     "
              << r.mrz.text.substr(60) << "\n";
    for (const auto& [k, v] : out["dg13"].items())
      std::cout << k << ": " << (v.is_string() ? v.get<std::string>() : v.dump()) << "\n";
    if (r.face)
      std::cout << "face: " << face_path << "\n";
    std::cout << "passive authentication: " << out["passive_authentication"]["status"].get<std::string>()
              << " (" << r.authentication.passive.detail << ")\n";
    std::cout << "active authentication: " << out["active_authentication"].get<std::string>() << "\n";
    std::cout << "chip authentication: " << out["chip_authentication"].get<std::string>() << "\n";
    for (const auto& p : out["phases"]) {
      std::cout << "phase " << p["phase"].get<std::string>() << ": " << p["apdus"] << " APDUs, " << p["bytes"]
                << " bytes, " << p["ms"].get<double>() << " ms\n";
    }
  }
  const bool genuine = r.authentication.genuine();
  r.wipe();
  return genuine ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"CCCD chip reader (PC/SC)"};
  app.require_subcommand(1);
  bool as_json = false;
  auto* readers_cmd = app.add_subcommand("readers", "list PC/SC readers and whether a card is present");
  readers_cmd->add_flag("--json", as_json, "JSON output");
  auto* read_cmd = app.add_subcommand("read", "read and verify the chip");
  std::string id, dob, expiry, csca, reader, face_out;
  read_cmd->add_option("--id", id, "12-digit CCCD number")->required();
  read_cmd->add_option("--dob", dob, "date of birth YYMMDD")->required();
  std::string issued;
  auto* expiry_opt =
      read_cmd->add_option("--expiry", expiry, "date of expiry YYMMDD, or 'none' for a card without expiry");
  read_cmd
      ->add_option("--issued", issued,
                   "issue date DDMMYYYY (as in the card's QR) instead of --expiry: the expiry follows the "
                   "renewal ages of the ID card law")
      ->excludes(expiry_opt);
  read_cmd->add_option("--csca", csca, "directory of trusted CSCA certificates (PEM or DER)");
  read_cmd->add_option("--reader", reader, "reader name (default: the first with a card)");
  read_cmd->add_option("--face-out", face_out, "where to write the face image");
  read_cmd->add_flag("--json", as_json, "JSON output");
  CLI11_PARSE(app, argc, argv);
  try {
    if (readers_cmd->parsed())
      return list_readers(as_json);
    if (expiry.empty() && issued.empty()) {
      std::cerr << "kiosk-card: give --expiry or --issued\n";
      return 2;
    }
    if (!issued.empty())
      expiry = expiry_from_issue_date(dob, issued);
    return read_card_command(id, dob, expiry, csca, reader, face_out, as_json);
  } catch (const CardError& e) {
    if (as_json) {
      std::cout << error_json(e).dump(2) << "\n";
    } else {
      std::cerr << "kiosk-card: " << error_code_name(e.code()) << (e.retriable() ? " (retriable)" : "")
                << ": " << e.what() << "\n";
    }
    return e.retriable() ? 1 : 2;
  }
}
