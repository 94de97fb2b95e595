// kiosk-vcard: a virtual CCCD chip for vpcd (vsmartcard), holding one demo
// citizen's LDS files signed by the test PKI generated at build time.
#include <CLI/CLI.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "sandbox/vcard/chip_contents.hpp"
#include "sandbox/vcard/virtual_card.hpp"
#include "sandbox/vcard/vpcd_link.hpp"

namespace {

std::pair<std::string, std::uint16_t> host_port(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos)
    throw CLI::ValidationError("address", "expected HOST:PORT");
  return {text.substr(0, colon), static_cast<std::uint16_t>(std::stoul(text.substr(colon + 1)))};
}

// Serves one vpcd connection; returns false once the card has left.
bool serve(kiosk::vcard::VpcdLink& link, kiosk::vcard::VirtualCard& card) {
  while (auto frame = link.receive()) {
    if (frame->size() == 1) {
      switch ((*frame)[0]) {
        case 4:
          link.send(card.atr());
          break;
        case 0:
        case 1:
        case 2:
          card.reset();
          break;
        default:
          break;
      }
      continue;
    }
    const kiosk::card::Bytes response = card.process(*frame);
    if (card.removed())
      return false;
    link.send(response);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk::vcard;
  CLI::App app{"Virtual CCCD chip for vpcd"};
  std::string citizen_id;
  std::string citizens_file = KIOSK_DEMO_CITIZENS;
  std::string pki_dir = KIOSK_VCARD_PKI;
  std::string connect_to = "127.0.0.1:35963";
  std::string listen_on;
  std::string access, signer, fault, ds;
  std::string aa, ca, extended;
  bool short_only = false, clone = false;
  std::size_t remove_after = 0;
  int tamper_dg = 0;
  int latency_ms = 0;
  int connect_attempts = 100;
  std::string dump_dir;
  app.add_option("--citizen", citizen_id, "12-digit ID of the demo citizen on the chip")->required();
  app.add_option("--citizens", citizens_file, "demo citizens JSON");
  app.add_option("--pki", pki_dir, "test PKI generated at build time");
  app.add_option("--connect", connect_to, "vpcd address when vpcd listens (default 127.0.0.1:35963)");
  app.add_option("--connect-attempts", connect_attempts, "connection attempts, 100 ms apart (default 100)");
  app.add_option("--listen", listen_on, "listen on HOST:PORT for vpcd configured with a host (tests)");
  app.add_option("--access", access, "bac or pace (default: the citizen's card)")
      ->check(CLI::IsMember({"bac", "pace"}));
  app.add_option("--aa", aa, "active authentication on/off")->check(CLI::IsMember({"on", "off"}));
  app.add_option("--ca", ca, "chip authentication on/off")->check(CLI::IsMember({"on", "off"}));
  app.add_option("--extended", extended, "extended length APDUs on/off")->check(CLI::IsMember({"on", "off"}));
  app.add_flag("--short-only", short_only, "accept short APDUs only (same as --extended off)");
  app.add_option("--signer", signer, "document signer algorithm")
      ->check(CLI::IsMember({"rsa-pkcs1", "rsa-pss", "ecdsa"}));
  app.add_option("--fault", fault, "response fault on the first protected read")
      ->check(CLI::IsMember({"wrong-mac", "truncated", "garbled"}));
  app.add_option("--remove-after", remove_after, "leave the reader after answering N APDUs");
  app.add_option("--tamper-dg", tamper_dg, "change data group N after signing the SOD");
  app.add_option("--ds", ds, "untrusted: DS from a CSCA not in the trust store; expired: DS out of validity")
      ->check(CLI::IsMember({"untrusted", "expired"}));
  app.add_flag("--clone", clone, "cloned chip: AA/CA private keys differ from DG15/DG14");
  app.add_option("--latency-ms", latency_ms, "delay per APDU (slow card)");
  app.add_option("--dump", dump_dir, "write the chip's files (<FID>.bin) into DIR and exit");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto citizens = load_demo_citizens(citizens_file);
    const DemoCitizen* citizen = nullptr;
    for (const auto& c : citizens) {
      if (c.id == citizen_id)
        citizen = &c;
    }
    if (!citizen) {
      std::cerr << "kiosk-vcard: no demo citizen with that ID\n";
      return 2;
    }
    ChipProfile profile = citizen->card;
    if (!access.empty())
      profile.pace = access == "pace";
    if (!aa.empty())
      profile.active_authentication = aa == "on";
    if (!ca.empty())
      profile.chip_authentication = ca == "on";
    if (!extended.empty())
      profile.extended_length = extended == "on";
    if (short_only)
      profile.extended_length = false;
    if (!signer.empty())
      profile.document_signer = signer;
    ChipFaults faults;
    if (tamper_dg > 0)
      faults.tampered_group = tamper_dg;
    faults.signer_override = ds;
    faults.cloned = clone;
    CardBehaviour behaviour;
    behaviour.response_fault = fault == "wrong-mac"   ? ResponseFault::WrongMac
                               : fault == "truncated" ? ResponseFault::Truncated
                               : fault == "garbled"   ? ResponseFault::Garbled
                                                      : ResponseFault::None;
    if (remove_after > 0)
      behaviour.remove_after = remove_after;
    behaviour.latency = std::chrono::milliseconds(latency_ms);
    ChipContents chip = build_chip(*citizen, profile, faults, pki_dir);
    if (!dump_dir.empty()) {
      std::filesystem::create_directories(dump_dir);
      for (const auto& [fid, content] : chip.files) {
        std::ofstream(std::filesystem::path(dump_dir) /
                          (kiosk::card::to_hex(kiosk::card::Bytes{static_cast<std::uint8_t>(fid >> 8),
                                                                  static_cast<std::uint8_t>(fid & 0xFF)}) +
                           ".bin"),
                      std::ios::binary)
            .write(reinterpret_cast<const char*>(content.data()),
                   static_cast<std::streamsize>(content.size()));
      }
      return 0;
    }
    VirtualCard card(std::move(chip), behaviour);

    std::signal(SIGPIPE, SIG_IGN);
    if (!listen_on.empty()) {
      const auto [host, port] = host_port(listen_on);
      VpcdLink link = VpcdLink::listen(host, port);
      std::cout << "kiosk-vcard: listening on " << host << ":" << link.local_port() << std::endl;
      while (true) {
        link.accept();
        if (!serve(link, card))
          break;
        card.reset();
      }
    } else {
      const auto [host, port] = host_port(connect_to);
      // pcscd loads vpcd a moment after it starts: keep trying for a while.
      std::optional<VpcdLink> link;
      for (int attempt = 0; !link; ++attempt) {
        try {
          link.emplace(VpcdLink::connect(host, port));
        } catch (const std::runtime_error&) {
          if (attempt >= connect_attempts)
            throw;
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
      std::cout << "kiosk-vcard: connected to vpcd at " << host << ":" << port << std::endl;
      serve(*link, card);
    }
    std::cout << "kiosk-vcard: card removed after " << card.apdus() << " APDUs" << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "kiosk-vcard: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
