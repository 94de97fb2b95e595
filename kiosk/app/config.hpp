#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

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
  std::string audio_player = "aplay -q";

  // [session]
  IdlePolicy idle;

  // [api]
  std::string api_base_url = "http://127.0.0.1:8080";
  int api_timeout_seconds = 10;
  // PEM certificates that vault documents must be signed under; empty: no
  // signer is trusted and every document shows as not verified.
  std::filesystem::path document_trust;

  // [store]
  std::filesystem::path data_dir = "/var/lib/kiosk";

  // [devices]
  std::string card_reader;  // PC/SC reader name; empty: the first reader
  std::string camera = "/dev/video0";
  std::string scanner;          // SANE device; empty: the first scanner
  std::string printer = "pdf";  // "escpos" or "pdf"
  std::filesystem::path receipt_dir = "/var/lib/kiosk/receipts";
};

// Defaults with the asset paths of this build.
Config default_config();
// Parses TOML text over the defaults. Unknown keys and bad values throw
// ConfigError: a typo never silently falls back to a default.
Config parse_config(std::string_view toml_text, Config base = default_config());
Config load_config(const std::filesystem::path& file);

}  // namespace kiosk::app
