// kiosk-audit: read and check the kiosk's hash-chained audit log.
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/key_wrapper.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Read and verify the kiosk audit log"};
  app.require_subcommand(1);
  std::string db_path;
  auto* verify =
      app.add_subcommand("verify", "Check the hash chain; exit 1 when a record was altered or removed");
  verify->add_option("--db", db_path, "Kiosk database file")->required()->check(CLI::ExistingFile);
  std::string secret_path;
  verify
      ->add_option("--secret", secret_path,
                   "Device secret file (device.secret): also checks the anchor was written by this kiosk")
      ->check(CLI::ExistingFile);
  auto* list = app.add_subcommand("list", "Print every record, oldest first");
  list->add_option("--db", db_path, "Kiosk database file")->required()->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  auto db = kiosk::store::Database::open(db_path);
  if (!db) {
    std::cerr << "kiosk-audit: " << db.error().detail << "\n";
    return 2;
  }
  if (list->parsed()) {
    auto records = kiosk::store::AuditLog::list(**db);
    if (!records) {
      std::cerr << "kiosk-audit: " << records.error().detail << "\n";
      return 2;
    }
    for (const auto& r : *records) {
      std::cout << r.seq << '\t' << r.at << '\t' << r.action << '\t'
                << (r.subject.empty() ? "-" : r.subject.substr(0, 16)) << '\t' << r.outcome << '\n';
    }
    return 0;
  }
  std::optional<kiosk::store::Key256> secret;
  if (!secret_path.empty()) {
    auto read = kiosk::store::read_secret(secret_path);
    if (!read) {
      std::cerr << "kiosk-audit: " << read.error().detail << "\n";
      return 2;
    }
    secret = *read;
  }
  auto result = kiosk::store::AuditLog::verify(**db, secret ? &*secret : nullptr);
  if (!result) {
    std::cerr << "kiosk-audit: " << result.error().detail << "\n";
    return 2;
  }
  if (!result->intact) {
    std::cout << "TAMPERED: " << result->reason << " (" << result->records << " records)\n";
    return 1;
  }
  std::cout << "OK: " << result->records << " records, chain intact, none missing at the end"
            << (result->anchor_authenticated ? " (anchor MAC checked)" : "") << "\n";
  return 0;
}
