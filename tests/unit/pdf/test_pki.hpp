#pragma once

#include <filesystem>
#include <string>

namespace kiosk::pdf::testing {

// A throw-away CA and a device certificate it issued (EC P-256), written as
// PEM files under `dir`: ca.pem, device.key, device.pem (leaf, then nothing),
// other.key (a key that matches no certificate).
struct TestPki {
  std::filesystem::path dir;
  std::filesystem::path ca_pem;
  std::filesystem::path device_key;
  std::filesystem::path device_pem;
  std::filesystem::path other_key;
};

TestPki make_test_pki(const std::filesystem::path& dir, const std::string& device_common_name);

// Runs a shell command, returns its exit status and fills `output` with
// stdout and stderr.
int run_command(const std::string& command, std::string& output);

}  // namespace kiosk::pdf::testing

#include <cstdint>
#include <vector>

namespace kiosk::pdf::testing {

// One A4 page with a grey rectangle in its middle, written with a classic
// cross-reference table or a cross-reference stream.
std::vector<std::uint8_t> make_sample_pdf(bool xref_stream);

void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);
std::vector<std::uint8_t> read_file(const std::filesystem::path& path);

}  // namespace kiosk::pdf::testing
