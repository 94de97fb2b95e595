#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::ui {

struct WidgetRect {
  float x = 0;
  float y = 0;
  float width = 0;
  float height = 0;

  [[nodiscard]] float centre_x() const { return x + width / 2; }
  [[nodiscard]] float centre_y() const { return y + height / 2; }
};

// Where each touchable widget was drawn in the last frame, by stable id
// ("lang", "start", "key.a", "procedure.1.001193.000.00.00.H34", ...), so that
// automation taps widgets by name instead of guessing pixels.
class WidgetRegistry {
 public:
  void begin_frame() {
    widgets_.clear();
    values_.clear();
  }
  void add(std::string_view id, WidgetRect rect) { widgets_.insert_or_assign(std::string(id), rect); }
  [[nodiscard]] std::optional<WidgetRect> find(std::string_view id) const {
    const auto it = widgets_.find(id);
    return it == widgets_.end() ? std::nullopt : std::optional(it->second);
  }
  [[nodiscard]] std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& [id, rect] : widgets_) {
      out.push_back(id);
    }
    return out;
  }
  // What a screen shows that a test cannot read from pixels ("preview.zoom").
  void note(std::string_view key, std::string value) {
    values_.insert_or_assign(std::string(key), std::move(value));
  }
  [[nodiscard]] std::optional<std::string> value(std::string_view key) const {
    const auto it = values_.find(key);
    return it == values_.end() ? std::nullopt : std::optional(it->second);
  }

 private:
  std::map<std::string, WidgetRect, std::less<>> widgets_;
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace kiosk::ui
