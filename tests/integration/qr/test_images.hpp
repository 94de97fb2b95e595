#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "drivers/qr/gray_image.hpp"

namespace kiosk::qr::testing {

// A generated camera picture and what a decoder should read from it.
struct TestImage {
  std::string name;  // "<kind>-<payload index>", also the file name
  std::string kind;  // clean, rotated, perspective, blur, noise, glare, small, none, two
  GrayImage image;
  std::vector<std::string> expected;  // payloads; empty for pictures without a code
};

// Renders the QR code of `payload` (libqrencode, error correction M) as a
// module matrix: 1 = dark.
std::vector<std::uint8_t> qr_modules(const std::string& payload, int& size);

// The payloads of the demo cards (sandbox/demo/citizens.json) and of kiosk
// receipts.
std::vector<std::string> demo_payloads(const std::string& source_dir);

// The picture set at 1280x720, deterministic for a given seed; `per_kind`
// limits how many pictures of each kind are made (0: all).
std::vector<TestImage> make_test_set(const std::string& source_dir, unsigned seed = 1,
                                     std::size_t per_kind = 0);

}  // namespace kiosk::qr::testing
