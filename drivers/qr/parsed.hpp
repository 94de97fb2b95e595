#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kiosk::qr {

// Why a payload was refused: a code the screens turn into a sentence, and a
// technical detail for logs that never repeats personal data.
template <class Code>
struct Rejection {
  Code code;
  std::string detail;
};

// Either a complete, validated value or the reason there is none; never a
// half-filled value.
template <class T, class Code>
class Parsed {
 public:
  Parsed(T value) : state_(std::move(value)) {}                        // NOLINT(google-explicit-constructor)
  Parsed(Rejection<Code> rejection) : state_(std::move(rejection)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<T>(state_); }
  const Rejection<Code>& rejection() const { return std::get<Rejection<Code>>(state_); }

 private:
  std::variant<T, Rejection<Code>> state_;
};

}  // namespace kiosk::qr
