#include "screens/catalog.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "kiosk/core/vietnamese_text.hpp"

namespace kiosk::ui {
namespace {

using Messages = std::map<std::string, std::string, std::less<>>;

Messages parse(std::string_view text, const std::string& name) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw std::runtime_error(name + ": not a JSON object of messages");
  }
  Messages out;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) {
      throw std::runtime_error(name + ": message \"" + key + "\" is not a string");
    }
    out.emplace(key, compose_vietnamese(value.get<std::string>()));
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(path.string() + ": cannot read the message catalog");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void require_same_keys(const Messages& a, const Messages& b, const std::string& b_name) {
  for (const auto& [key, value] : a) {
    if (b.find(key) == b.end()) {
      throw std::runtime_error(b_name + ": message \"" + key + "\" is missing");
    }
  }
}

}  // namespace

Catalog Catalog::from_json(std::string_view vietnamese, std::string_view english) {
  Catalog catalog;
  catalog.vietnamese_ = parse(vietnamese, "vi.json");
  catalog.english_ = parse(english, "en.json");
  require_same_keys(catalog.vietnamese_, catalog.english_, "en.json");
  require_same_keys(catalog.english_, catalog.vietnamese_, "vi.json");
  return catalog;
}

Catalog Catalog::load(const std::filesystem::path& directory) {
  return from_json(read_file(directory / "vi.json"), read_file(directory / "en.json"));
}

const std::string& Catalog::text(Language language, std::string_view key) const {
  const auto& messages = language == Language::English ? english_ : vietnamese_;
  const auto it = messages.find(key);
  if (it != messages.end()) {
    return it->second;
  }
  return missing_.try_emplace(std::string(key), std::string(key)).first->second;
}

bool Catalog::has(std::string_view key) const {
  return vietnamese_.find(key) != vietnamese_.end();
}

std::string Catalog::format(Language language, std::string_view key,
                            const std::vector<std::pair<std::string, std::string>>& values) const {
  std::string out = text(language, key);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (auto pos = out.find(placeholder); pos != std::string::npos;
         pos = out.find(placeholder, pos + value.size())) {
      out.replace(pos, placeholder.size(), value);
    }
  }
  return out;
}

std::vector<std::string> Catalog::keys() const {
  std::vector<std::string> out;
  out.reserve(vietnamese_.size());
  for (const auto& [key, value] : vietnamese_) {
    out.push_back(key);
  }
  return out;
}

}  // namespace kiosk::ui
