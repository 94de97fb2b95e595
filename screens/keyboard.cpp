#include "screens/keyboard.hpp"

#include <imgui.h>

#include <algorithm>
#include <span>

#include "screens/ui.hpp"
#include "screens/unicode_text.hpp"

namespace kiosk::ui {
namespace {

constexpr std::string_view kLetterRows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
constexpr std::string_view kDigitRows[] = {"123", "456", "789", "0"};

}  // namespace

void OnScreenKeyboard::focus(std::string_view field_id, TextField& field) {
  id_ = std::string(field_id);
  field_ = &field;
  composer_.reset(field.value);
  shift_ = false;
  reveal_ = true;
}

void OnScreenKeyboard::blur() {
  field_ = nullptr;
  reveal_ = false;
  id_.clear();
  composer_.wipe();
}

void OnScreenKeyboard::wipe() {
  blur();
}

void OnScreenKeyboard::sync() {
  secure_wipe(field_->value);
  field_->value = composer_.text();
  if (decode_utf8(field_->value).size() > field_->max_length) {
    composer_.backspace();
    secure_wipe(field_->value);
    field_->value = composer_.text();
  }
}

void OnScreenKeyboard::type(char32_t c) {
  if (field_ == nullptr) {
    return;
  }
  if (field_->kind == FieldKind::Digits && (c < U'0' || c > U'9')) {
    return;
  }
  if (field_->kind == FieldKind::Text) {
    composer_.key(c);
  } else {
    // Numbers and e-mail addresses are typed as they are, never composed.
    const InputMethod method = composer_.method();
    composer_.set_method(InputMethod::Telex);
    const std::string before = composer_.text();
    composer_.reset(before + encode_utf8(std::u32string(1, c)));
    composer_.set_method(method);
  }
  sync();
}

void OnScreenKeyboard::backspace() {
  if (field_ != nullptr) {
    composer_.backspace();
    sync();
  }
}

float OnScreenKeyboard::height(const Ui& ui) const {
  const float key = ui.metrics().target() + ImGui::GetStyle().ItemSpacing.y;
  return 5 * key + 2 * ImGui::GetStyle().WindowPadding.y;
}

bool OnScreenKeyboard::draw(Ui& ui) {
  if (field_ == nullptr) {
    return false;
  }
  std::string before = field_->value;
  const float key = ui.metrics().target();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const bool digits = field_->kind == FieldKind::Digits;
  const float left = ImGui::GetCursorPosX();
  const float full_width = ImGui::GetContentRegionAvail().x;
  // Every row is centred from the same left edge; a new line would otherwise
  // start at the window's edge while the first row starts at its padding.
  const auto centre_row = [&](std::size_t keys, float key_width) {
    const float row_width = static_cast<float>(keys) * (key_width + gap) - gap;
    ImGui::SetCursorPosX(left + std::max(0.0f, (full_width - row_width) / 2));
  };
  const float key_width = digits ? key * 1.6f : std::max(key, (full_width - 11 * gap) / 11.5f);
  const auto rows =
      digits ? std::span<const std::string_view>(kDigitRows) : std::span<const std::string_view>(kLetterRows);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string_view row = rows[r];
    const bool last_letter_row = !digits && r + 1 == rows.size();
    centre_row(row.size() + (last_letter_row ? 2 : 0), key_width);
    if (last_letter_row) {
      if (ui.button("key.shift", "⇧", shift_ ? ButtonStyle::Primary : ButtonStyle::Secondary, key_width)) {
        shift_ = !shift_;
      }
      ImGui::SameLine();
    }
    for (std::size_t i = 0; i < row.size(); ++i) {
      char ch = row[i];
      if (shift_ && ch >= 'a' && ch <= 'z') {
        ch = static_cast<char>(ch - 32);
      }
      const std::string id = std::string("key.") + row[i];
      if (ui.button(id, std::string(1, ch), ButtonStyle::Secondary, key_width)) {
        type(static_cast<char32_t>(ch));
        shift_ = false;
      }
      if (i + 1 < row.size()) {
        ImGui::SameLine();
      }
    }
    if (last_letter_row || (digits && r + 1 == rows.size())) {
      ImGui::SameLine();
      if (ui.button("key.backspace", "⌫", ButtonStyle::Secondary, key_width)) {
        backspace();
      }
    }
  }
  // Bottom row: input method, space, punctuation, done.
  if (!digits) {
    const bool telex = composer_.method() == InputMethod::Telex;
    if (ui.button("key.method", ui.t(telex ? "keyboard.telex" : "keyboard.vni"), ButtonStyle::Secondary,
                  key_width * 2)) {
      composer_.set_method(telex ? InputMethod::Vni : InputMethod::Telex);
    }
    ImGui::SameLine();
    if (field_->kind == FieldKind::Email) {
      if (ui.button("key.at", "@", ButtonStyle::Secondary, key_width)) {
        type(U'@');
      }
      ImGui::SameLine();
    }
    if (ui.button("key.space", ui.t("keyboard.space"), ButtonStyle::Secondary, key_width * 5)) {
      type(U' ');
    }
    ImGui::SameLine();
    for (const char* punct : {".", ",", "-", "/"}) {
      if (ui.button(std::string("key.") + punct, punct, ButtonStyle::Secondary, key_width * 0.8f)) {
        type(static_cast<char32_t>(punct[0]));
      }
      ImGui::SameLine();
    }
  } else {
    centre_row(1, key_width * 3 + 2 * gap);
  }
  if (ui.button("key.done", ui.t("keyboard.done"), ButtonStyle::Primary,
                digits ? key_width * 3 + 2 * gap : key_width * 2)) {
    blur();
  }
  const bool changed = field_ == nullptr || before != field_->value;
  secure_wipe(before);
  return changed;
}

}  // namespace kiosk::ui
