#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/language.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk::app {

// A configuration value the kiosk cannot start with; the message names the key.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string key, const std::string& problem)
      : std::runtime_error(key + ": " + problem), key_(std::move(key)) {}
  [[nodiscard]] const std::string& key() const { return key_; }

 private:
  std::string key_;
};

// Everything /etc/kiosk/kiosk.toml may set; each default is documented in
// assets/kiosk.example.toml.
struct Config {
  // [display]
  bool fullscreen = true;
  int width = 1280;  // window size when not full screen
  int height = 800;
  float dpi = 96.0f;  // physical density of the touch screen, for the 15 mm targets

  // [ui]
  Language language = Language::Vietnamese;
  bool large_text = false;
  bool audio = false;
  std::filesystem::path font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  std::filesystem::path fallback_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::filesystem::path messages_dir;  // assets/i18n
  std::filesystem::path audio_dir;     // pre-rendered prompts, <lang>/<screen>.wav
  std::string audio_device;            // SDL output device name; empty: the default output

  // [session]
  IdlePolicy idle;

  // [api]
  std::string api_base_url = "http://127.0.0.1:8080";
  int api_timeout_seconds = 10;
  // How often applications a network or server failure left in the outbox are sent again.
  std::chrono::seconds resend_pending{60};
  // PEM certificates that vault documents must be signed under; empty: no
  // signer is trusted and every document shows as not verified.
  std::filesystem::path document_trust;
  // Development servers only (kiosk-sandbox); production uses mutual TLS.
  std::string api_bearer_token;
  std::filesystem::path api_ca_bundle;    // PEM trust anchors for https://; empty: the system's
  std::filesystem::path api_client_cert;  // PEM device certificate for mutual TLS
  // PEM key file, or an OSSL_STORE URI (file:…, handle:0x81000001 with tpm2-openssl).
  std::string api_client_key;

  // [store]
  std::filesystem::path data_dir = "/var/lib/kiosk";
  // Key that wraps the outbox data key: "file:PATH" or "tpm:TCTI" (e.g.
  // "tpm:device:/dev/tpmrm0"); empty: file:<data_dir>/outbox.key.
  std::string store_key;

  // [devices]
  std::string card_reader;  // PC/SC reader name; empty: the first reader
  // CSCA certificates chips are verified against; empty: no chip passes
  // passive authentication.
  std::filesystem::path csca_dir;
  // "" (no camera), "v4l2:/dev/videoN" or "/dev/videoN", "dir:PATH", "file:PATH".
  std::string camera = "/dev/video0";
  std::string scanner;  // "sane:DEVICE", "dir:PATH", "camera:DEV"; empty: none
  // Device key (PEM file or OSSL_STORE URI) and certificate chain (PEM) that
  // sign scanned papers (DOMAIN rule 5); both empty: scanning is refused.
  std::string sign_key;
  std::filesystem::path sign_cert;
  std::string kiosk_name = "Kiosk TTHC";  // shown in the signature of scanned papers
  std::string printer = "pdf";            // "escpos" or "pdf"
  std::filesystem::path receipt_dir = "/var/lib/kiosk/receipts";

  // [receipt]
  std::string center_name = "Trung tâm Phục vụ hành chính công";
  std::string lookup_hint = "Tra cứu hồ sơ tại kiosk hoặc dichvucong.gov.vn";
  // Status-lookup page the receipt QR points to (base?ma=CODE); empty: the
  // QR carries the bare dossier code, which the kiosk's lookup screen reads too.
  std::string lookup_url;

  // [centre]
  // The provincial agencies (ids of the API's agency list) whose dossiers
  // this centre receives, preferred first: a procedure is offered here with
  // the first of them that handles it, and not at all when none does.
  std::vector<std::string> centre_agencies;

  // [staff]
  // File of `id:name:yescrypt-hash` lines (kiosk-staff add); empty: no staff can sign in here.
  std::filesystem::path staff_file;
};

// Defaults with the asset paths of this build.
Config default_config();
// Parses TOML text over the defaults. Unknown keys and bad values throw
// ConfigError: a typo never silently falls back to a default.
Config parse_config(std::string_view toml_text, Config base = default_config());
Config load_config(const std::filesystem::path& file);

// True when `key` names an OSSL_STORE URI ("scheme:…") rather than a file.
bool is_key_uri(std::string_view key);

}  // namespace kiosk::app
