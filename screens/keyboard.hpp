#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "screens/text_field.hpp"
#include "screens/vietnamese_input.hpp"

namespace kiosk::ui {

class Ui;

// The on-screen keyboard. It appears whenever a text field is focused and
// types into that field through the Telex or VNI composer (digits only for
// number fields, no composing for e-mail addresses).
class OnScreenKeyboard {
 public:
  void focus(std::string_view field_id, TextField& field);
  void blur();
  [[nodiscard]] bool focused(std::string_view field_id) const { return field_ != nullptr && id_ == field_id; }
  [[nodiscard]] bool open() const { return field_ != nullptr; }
  [[nodiscard]] InputMethod method() const { return composer_.method(); }
  // True once after a field got the keyboard: the field scrolls into the
  // space left above the keys, which did not exist when it was tapped.
  [[nodiscard]] bool take_reveal() { return std::exchange(reveal_, false); }

  // One character from the on-screen keys or a physical keyboard.
  void type(char32_t c);
  void backspace();
  // Height the keyboard needs for the current field kind.
  [[nodiscard]] float height(const Ui& ui) const;
  // Draws the keys at the bottom of the screen; returns true when the text changed.
  bool draw(Ui& ui);
  void wipe();

 private:
  void sync();

  std::string id_;
  TextField* field_ = nullptr;
  VietnameseComposer composer_;
  bool shift_ = false;
  bool reveal_ = false;
};

}  // namespace kiosk::ui
