#pragma once

#include <string>

namespace kiosk::ui {

enum class InputMethod { Telex, Vni };

// Turns key presses into Vietnamese text the way Telex and VNI keyboards do
// ("tieengs" / "tie6ng1" -> "tiếng"). Pure logic: the on-screen keyboard and a
// physical keyboard both feed it one key at a time. The word being typed is
// kept as letters plus one tone, and the tone is placed again after every
// key, so "hoaf" and "hofa" both give "hòa".
class VietnameseComposer {
 public:
  explicit VietnameseComposer(InputMethod method = InputMethod::Telex) : method_(method) {}
  ~VietnameseComposer();
  VietnameseComposer(const VietnameseComposer&) = delete;
  VietnameseComposer& operator=(const VietnameseComposer&) = delete;

  void set_method(InputMethod method) { method_ = method; }
  [[nodiscard]] InputMethod method() const { return method_; }

  // Starts editing existing text; the cursor is at its end.
  void reset(const std::string& text);
  // One typed character (UTF-8 code point as char32_t).
  void key(char32_t c);
  void backspace();
  // The whole field's text in NFC.
  [[nodiscard]] std::string text() const;
  // Zeroes everything typed so far (the field may hold personal data).
  void wipe();

 private:
  enum class Tone { None, Acute, Grave, Hook, Tilde, Dot };

  void commit_word();
  bool apply_tone(Tone tone, char32_t literal);
  bool apply_shape(char32_t trigger);
  [[nodiscard]] std::u32string rendered_word() const;

  InputMethod method_;
  std::u32string committed_;
  std::u32string letters_;  // the current word, with shape marks and no tone
  Tone tone_ = Tone::None;
};

}  // namespace kiosk::ui
