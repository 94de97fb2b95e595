// kiosk-scan: scans papers into one PDF, signed when a key is given. For
// technicians checking a scanner, and for tests and benchmarks.
#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <iostream>

#include "drivers/scanner/scan_job.hpp"

int main(int argc, char** argv) {
  using namespace kiosk;
  CLI::App app{"Scan papers into a PDF"};
  std::string source_spec;
  std::string out_path;
  std::string key;
  std::string cert;
  std::string title = "Giấy tờ số hóa";
  std::string device = "Kiosk";
  std::string staff;
  std::string feed = "flatbed";
  int dpi = 300;
  bool grey = false;
  bool no_cleanup = false;
  app.add_option("--source", source_spec, "sane:DEVICE | camera:DEV | dir:PATH")->required();
  app.add_option("--out", out_path, "PDF to write")->required();
  app.add_option("--sign-key", key, "private key: path or OSSL_STORE URI");
  app.add_option("--sign-cert", cert, "PEM certificate chain, leaf first");
  app.add_option("--dpi", dpi, "scan resolution")->check(CLI::Range(50, 1200));
  app.add_option("--feed", feed, "flatbed | feeder | duplex")
      ->check(CLI::IsMember({"flatbed", "feeder", "duplex"}));
  app.add_flag("--grey", grey, "acquire in grey instead of colour");
  app.add_flag("--no-cleanup", no_cleanup, "keep pages as acquired (no deskew, borders, blank detection)");
  app.add_option("--title", title, "document title");
  app.add_option("--device", device, "digitizer named in the visible signature");
  app.add_option("--staff", staff, "assisting staff member named in the visible signature");
  CLI11_PARSE(app, argc, argv);
  if (key.empty() != cert.empty()) {
    std::cerr << "--sign-key and --sign-cert go together\n";
    return 2;
  }

  std::optional<pdf::SignerIdentity> signer;
  if (!key.empty()) {
    auto loaded = pdf::SignerIdentity::load(key, cert);
    if (!loaded) {
      std::cerr << pdf::pdf_error_name(loaded.error().code) << ": " << loaded.error().detail << "\n";
      return 2;
    }
    signer = std::move(loaded.value());
  }
  auto source = scanner::open_page_source(source_spec);
  if (!source) {
    std::cerr << error_name(source.error().code) << ": " << source.error().detail << "\n";
    return 2;
  }
  scanner::ScanSettings settings;
  settings.dpi = dpi;
  settings.colour = !grey;
  settings.feed = feed == "duplex"   ? scanner::PaperFeed::FeederDuplex
                  : feed == "feeder" ? scanner::PaperFeed::Feeder
                                     : scanner::PaperFeed::Flatbed;
  const auto started = std::chrono::steady_clock::now();
  auto raw = (*source)->acquire(settings);
  if (!raw) {
    std::cerr << error_name(raw.error().code) << ": " << raw.error().detail << "\n";
    return 1;
  }
  const auto acquired = std::chrono::steady_clock::now();
  scanner::CleanupOptions cleanup;
  if (no_cleanup) {
    cleanup.deskew = false;
    cleanup.remove_borders = false;
  }
  auto cleaned = scanner::clean_pages(*raw, cleanup);
  if (no_cleanup) {
    for (std::size_t i = 0; i < cleaned.pages.size() && i < raw->size(); ++i) {
      cleaned.pages[i].mode = (*raw)[i].image.channels == 3 ? pdf::ColourMode::Colour : pdf::ColourMode::Grey;
    }
  }
  const auto now = std::chrono::system_clock::now();
  auto document =
      scanner::make_component_pdf(cleaned.pages, {title, device, now}, signer ? &*signer : nullptr,
                                  pdf::digitized_by_appearance(device, staff, now), now);
  if (!document) {
    std::cerr << error_name(document.error().code) << ": " << document.error().detail << "\n";
    return 1;
  }
  std::ofstream out(out_path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(document->data()), static_cast<std::streamsize>(document->size()));
  if (!out) {
    std::cerr << "cannot write " << out_path << "\n";
    return 1;
  }
  const auto done = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::cerr << "pages " << cleaned.pages.size() << ", blank backs skipped " << cleaned.blank_backs_skipped
            << ", bytes " << document->size() << ", acquire " << ms(acquired - started)
            << " ms, clean+pdf+sign " << ms(done - acquired) << " ms\n";
  return 0;
}
