#pragma once

#include <string>

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk::ui {

enum class FieldKind { Text, Digits, Email };

// One editable field of a form; what it holds may be personal data.
struct TextField {
  std::string value;
  FieldKind kind = FieldKind::Text;
  std::size_t max_length = 200;

  void wipe() { secure_wipe(value); }
};

}  // namespace kiosk::ui
