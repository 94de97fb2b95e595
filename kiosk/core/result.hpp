#pragma once

#include <utility>
#include <variant>

#include "kiosk/core/error.hpp"

namespace kiosk {

// A value or the error that prevented it; what crosses every driver and API
// boundary instead of an exception. Drivers with errors of their own (PDF)
// name their error type.
template <class T, class E = Error>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(E error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  [[nodiscard]] const E& error() const { return std::get<E>(state_); }

 private:
  std::variant<T, E> state_;
};

struct Done {};
using Status = Result<Done>;

}  // namespace kiosk
