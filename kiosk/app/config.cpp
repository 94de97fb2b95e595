#include "kiosk/app/config.hpp"

#include <toml++/toml.h>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "kiosk/store/device_key.hpp"

namespace kiosk::app {
namespace {

// Reads one table's keys, each with its own check, and rejects the rest.
class Table {
 public:
  Table(const toml::table& root, std::string name) : name_(std::move(name)) {
    const toml::node* node = root.get(name_);
    if (node == nullptr) {
      return;
    }
    table_ = node->as_table();
    if (table_ == nullptr) {
      throw ConfigError(name_, "must be a table");
    }
  }

  // After every known key was read: anything else is a typo.
  void reject_unknown() const {
    if (table_ == nullptr) {
      return;
    }
    for (const auto& [key, value] : *table_) {
      if (known_.find(std::string(key.str())) == known_.end()) {
        throw ConfigError(name_ + "." + std::string(key.str()), "unknown key");
      }
    }
  }
  void boolean(const char* key, bool& out) {
    if (const toml::node* node = find(key)) {
      const auto value = node->value<bool>();
      if (!node->is_boolean() || !value) {
        throw ConfigError(full(key), "must be true or false");
      }
      out = *value;
    }
  }

  void integer(const char* key, int& out, int min, int max) {
    if (const toml::node* node = find(key)) {
      const auto value = node->value<std::int64_t>();
      if (!node->is_integer() || !value || *value < min || *value > max) {
        throw ConfigError(
            full(key), "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      }
      out = static_cast<int>(*value);
    }
  }

  void number(const char* key, float& out, float min, float max) {
    if (const toml::node* node = find(key)) {
      const auto value = node->value<double>();
      if (!(node->is_floating_point() || node->is_integer()) || !value || *value < min || *value > max) {
        std::ostringstream range;
        range << "must be a number from " << min << " to " << max;
        throw ConfigError(full(key), range.str());
      }
      out = static_cast<float>(*value);
    }
  }

  void text(const char* key, std::string& out, bool allow_empty = true) {
    if (const toml::node* node = find(key)) {
      const auto value = node->value<std::string>();
      if (!node->is_string() || !value || (!allow_empty && value->empty())) {
        throw ConfigError(full(key), allow_empty ? "must be a string" : "must be a non-empty string");
      }
      out = *value;
    }
  }

  // A list of identifiers (letters, digits, '_'), at least one when given.
  void identifiers(const char* key, std::vector<std::string>& out) {
    if (const toml::node* node = find(key)) {
      const toml::array* list = node->as_array();
      if (list == nullptr || list->empty()) {
        throw ConfigError(full(key), "must be a non-empty list of identifiers");
      }
      out.clear();
      for (const auto& element : *list) {
        const auto value = element.value<std::string>();
        if (!element.is_string() || !value || value->empty() ||
            value->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
          throw ConfigError(full(key), "must be a non-empty list of identifiers");
        }
        out.push_back(*value);
      }
    }
  }

  void path(const char* key, std::filesystem::path& out) {
    std::string value = out.string();
    text(key, value, false);
    out = value;
  }

  [[nodiscard]] std::string full(const char* key) const { return name_ + "." + key; }

 private:
  const toml::node* find(const char* key) {
    known_[key] = true;
    return table_ == nullptr ? nullptr : table_->get(key);
  }

  std::string name_;
  const toml::table* table_ = nullptr;
  std::map<std::string, bool> known_;
};

void seconds(Table& table, const char* key, std::chrono::seconds& out, int min, int max) {
  int value = static_cast<int>(out.count());
  table.integer(key, value, min, max);
  out = std::chrono::seconds(value);
}

void optional_path(Table& table, const char* key, std::filesystem::path& out) {
  std::string value = out.string();
  table.text(key, value);
  out = value;
}

}  // namespace

bool is_key_uri(std::string_view key) {
  const auto colon = key.find(':');
  if (colon == std::string_view::npos || colon == 0 || key.front() == '/' || key.front() == '.') {
    return false;
  }
  for (const char c : key.substr(0, colon)) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) {
      return false;
    }
  }
  return true;
}

Config default_config() {
  Config config;
  config.messages_dir = std::filesystem::path(KIOSK_MESSAGES_DIR);
  config.audio_dir = std::filesystem::path(KIOSK_AUDIO_DIR);
  return config;
}

Config parse_config(std::string_view toml_text, Config base) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& error) {
    std::ostringstream where;
    where << "line " << error.source().begin.line;
    throw ConfigError(where.str(), std::string(error.description()));
  }
  static const char* const kTables[] = {"display", "ui",      "session", "api",   "store",
                                        "devices", "receipt", "staff",   "centre"};
  for (const auto& [key, value] : root) {
    bool known = false;
    for (const char* table : kTables) {
      known = known || key.str() == table;
    }
    if (!known) {
      throw ConfigError(std::string(key.str()), "unknown table");
    }
  }
  Config config = std::move(base);
  {
    Table t(root, "display");
    t.boolean("fullscreen", config.fullscreen);
    t.integer("width", config.width, 320, 7680);
    t.integer("height", config.height, 240, 4320);
    t.number("dpi", config.dpi, 50, 600);
    t.reject_unknown();
  }
  {
    Table t(root, "ui");
    std::string language = config.language == Language::English ? "en" : "vi";
    t.text("language", language);
    if (language != "vi" && language != "en") {
      throw ConfigError(t.full("language"), "must be \"vi\" or \"en\"");
    }
    config.language = language == "en" ? Language::English : Language::Vietnamese;
    t.boolean("large_text", config.large_text);
    t.boolean("audio", config.audio);
    t.path("font", config.font);
    t.path("fallback_font", config.fallback_font);
    t.path("messages_dir", config.messages_dir);
    t.path("audio_dir", config.audio_dir);
    t.text("audio_device", config.audio_device);
    t.reject_unknown();
  }
  {
    Table t(root, "session");
    seconds(t, "idle_warning_seconds", config.idle.warn_after, 5, 3600);
    seconds(t, "idle_countdown_seconds", config.idle.countdown, 3, 600);
    seconds(t, "ended_screen_seconds", config.idle.ended_screen, 1, 600);
    t.reject_unknown();
  }
  {
    Table t(root, "api");
    t.text("base_url", config.api_base_url, false);
    if (config.api_base_url.rfind("http://", 0) != 0 && config.api_base_url.rfind("https://", 0) != 0) {
      throw ConfigError(t.full("base_url"), "must start with http:// or https://");
    }
    t.integer("timeout_seconds", config.api_timeout_seconds, 1, 300);
    seconds(t, "resend_pending_seconds", config.resend_pending, 1, 3600);
    std::string trust = config.document_trust.string();
    t.text("document_trust", trust);
    config.document_trust = trust;
    t.text("bearer_token", config.api_bearer_token);
    if (config.api_bearer_token.find_first_of(" \t\r\n") != std::string::npos) {
      throw ConfigError(t.full("bearer_token"), "must not contain white space");
    }
    optional_path(t, "ca_bundle", config.api_ca_bundle);
    optional_path(t, "client_cert", config.api_client_cert);
    t.text("client_key", config.api_client_key);
    if (config.api_client_cert.empty() != config.api_client_key.empty()) {
      throw ConfigError(t.full(config.api_client_cert.empty() ? "client_cert" : "client_key"),
                        "client_cert and client_key go together");
    }
    t.reject_unknown();
  }
  {
    Table t(root, "store");
    t.path("data_dir", config.data_dir);
    t.text("key", config.store_key);
    if (!config.store_key.empty() && !store::is_device_key_spec(config.store_key)) {
      throw ConfigError(t.full("key"), "must be file:PATH or tpm:TCTI");
    }
    t.reject_unknown();
  }
  {
    Table t(root, "devices");
    t.text("card_reader", config.card_reader);
    optional_path(t, "csca_dir", config.csca_dir);
    t.text("camera", config.camera);
    if (!config.camera.empty() && config.camera.rfind("v4l2:", 0) != 0 &&
        config.camera.rfind("/dev/", 0) != 0 && config.camera.rfind("dir:", 0) != 0 &&
        config.camera.rfind("file:", 0) != 0) {
      throw ConfigError(t.full("camera"),
                        "must be \"\", \"v4l2:/dev/videoN\", \"dir:PATH\" or \"file:PATH\"");
    }
    t.text("scanner", config.scanner);
    if (!config.scanner.empty() && config.scanner.rfind("sane:", 0) != 0 &&
        config.scanner.rfind("dir:", 0) != 0 && config.scanner.rfind("camera:", 0) != 0) {
      throw ConfigError(t.full("scanner"), "must be \"\", \"sane:DEVICE\", \"dir:PATH\" or \"camera:DEV\"");
    }
    t.text("sign_key", config.sign_key);
    optional_path(t, "sign_cert", config.sign_cert);
    if (config.sign_key.empty() != config.sign_cert.empty()) {
      throw ConfigError(t.full(config.sign_key.empty() ? "sign_key" : "sign_cert"),
                        "sign_key and sign_cert go together");
    }
    t.text("kiosk_name", config.kiosk_name, false);
    t.text("printer", config.printer, false);
    if (config.printer != "pdf" && config.printer != "escpos") {
      throw ConfigError(t.full("printer"), "must be \"pdf\" or \"escpos\"");
    }
    t.path("receipt_dir", config.receipt_dir);
    t.reject_unknown();
  }
  {
    Table t(root, "receipt");
    t.text("center_name", config.center_name, false);
    t.text("lookup_hint", config.lookup_hint);
    t.text("lookup_url", config.lookup_url);
    if (!config.lookup_url.empty() && config.lookup_url.rfind("http://", 0) != 0 &&
        config.lookup_url.rfind("https://", 0) != 0) {
      throw ConfigError(t.full("lookup_url"), "must be empty or start with http:// or https://");
    }
    t.reject_unknown();
  }
  {
    Table t(root, "centre");
    t.identifiers("agencies", config.centre_agencies);
    t.reject_unknown();
  }
  {
    Table t(root, "staff");
    optional_path(t, "file", config.staff_file);
    t.reject_unknown();
  }
  return config;
}

Config load_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ConfigError(file.string(), "cannot read the configuration file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str());
}

}  // namespace kiosk::app
