#include "kiosk/app/config.hpp"

#include <toml++/toml.h>
#include <fstream>
#include <map>
#include <sstream>

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

}  // namespace

Config default_config() {
  Config config;
  config.messages_dir = std::filesystem::path(KIOSK_ASSETS_DIR) / "i18n";
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
  static const char* const kTables[] = {"display", "ui", "session", "api", "store", "devices"};
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
    t.text("audio_player", config.audio_player, false);
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
    std::string trust = config.document_trust.string();
    t.text("document_trust", trust);
    config.document_trust = trust;
    t.reject_unknown();
  }
  {
    Table t(root, "store");
    t.path("data_dir", config.data_dir);
    t.reject_unknown();
  }
  {
    Table t(root, "devices");
    t.text("card_reader", config.card_reader);
    t.text("camera", config.camera);
    t.text("scanner", config.scanner);
    t.text("printer", config.printer, false);
    if (config.printer != "pdf" && config.printer != "escpos") {
      throw ConfigError(t.full("printer"), "must be \"pdf\" or \"escpos\"");
    }
    t.path("receipt_dir", config.receipt_dir);
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
