// kiosk-staff: keeps the kiosk's staff file ([staff] file), one
// `id:name:yescrypt-hash` line per staff member who may sign in.
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "kiosk/app/config.hpp"
#include "kiosk/app/staff_directory.hpp"

namespace {

// The PIN from standard input, without echo when it is a terminal.
std::string read_pin() {
  termios saved{};
  const bool tty = isatty(STDIN_FILENO) != 0 && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    std::cerr << "PIN: ";
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string pin;
  std::getline(std::cin, pin);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  return pin;
}

bool valid_pin(const std::string& pin) {
  return pin.size() >= 4 && pin.size() <= 12 && pin.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Manage the staff who may sign in at this kiosk"};
  app.require_subcommand(1);
  std::string file;
  std::string id;
  std::string name;
  auto* add = app.add_subcommand(
      "add",
      "Add a staff member; the PIN (4-12 digits) is read from standard input and stored as a yescrypt hash");
  add->add_option("--file", file, "Staff file ([staff] file in kiosk.toml); created when missing")
      ->required();
  add->add_option("--id", id,
                  "Staff ID typed at sign-in, or the 12-digit CCCD number for sign-in with the chip ID card")
      ->required();
  add->add_option("--name", name, "Name shown on the staff bar and in signatures of scanned papers")
      ->required();
  auto* check = app.add_subcommand("check", "Check the staff file; exit 1 when the kiosk would refuse it");
  check->add_option("--file", file, "Staff file")->required()->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  try {
    if (check->parsed()) {
      kiosk::app::StaffDirectory::load(file, file);
      return 0;
    }
    if (id.empty() || name.empty() || id.find(':') != std::string::npos ||
        name.find(':') != std::string::npos || id.find('\n') != std::string::npos ||
        name.find('\n') != std::string::npos) {
      std::cerr << "kiosk-staff: id and name must be non-empty and without ':'\n";
      return 2;
    }
    if (std::ifstream(file).good() && kiosk::app::StaffDirectory::load(file, file).member_name(id)) {
      std::cerr << "kiosk-staff: " << id << " is already in " << file << "\n";
      return 1;
    }
    const std::string pin = read_pin();
    if (!valid_pin(pin)) {
      std::cerr << "kiosk-staff: the PIN must be 4 to 12 digits\n";
      return 2;
    }
    const std::string line = kiosk::app::staff_line(id, name, pin);
    if (line.empty()) {
      std::cerr << "kiosk-staff: libcrypt could not hash the PIN\n";
      return 2;
    }
    const mode_t old_mask = umask(077);  // hashes are slow to crack, not public
    std::ofstream out(file, std::ios::app);
    umask(old_mask);
    out << line << "\n";
    if (!out.flush()) {
      std::cerr << "kiosk-staff: cannot write " << file << "\n";
      return 2;
    }
    return 0;
  } catch (const kiosk::app::ConfigError& error) {
    std::cerr << "kiosk-staff: " << error.what() << "\n";
    return 1;
  }
}
