// Writes a generated QR picture set as PNG (or binary PGM) files plus
// expected.json, for zbarimg, zxing-wasm, the kiosk-qr tool and
// `--camera dir:PATH` demos.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "drivers/camera/image_file.hpp"
#include "hard_test_images.hpp"
#include "test_images.hpp"

namespace {

bool write_pgm(const std::filesystem::path& file, const kiosk::qr::GrayImage& image) {
  std::ofstream out(file, std::ios::binary);
  out << "P5\n" << image.width << " " << image.height << "\n255\n";
  out.write(reinterpret_cast<const char*>(image.pixels.data()),
            static_cast<std::streamsize>(image.pixels.size()));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  bool hard = false;
  bool pgm = false;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--hard") {
      hard = true;
    } else if (arg == "--pgm") {
      pgm = true;
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) {
    std::cerr << "usage: qr-test-set SOURCE_DIR OUT_DIR [--hard] [--pgm]\n"
                 "  --hard  the lobby set (faded, blurred, glared, shadowed, small, tilted, noisy, JPEG)\n"
                 "  --pgm   binary PGM files instead of PNG\n";
    return 2;
  }
  const std::filesystem::path out(positional[1]);
  std::filesystem::create_directories(out);
  nlohmann::json expected = nlohmann::json::object();
  const auto set = hard ? kiosk::qr::testing::make_hard_test_set(positional[0])
                        : kiosk::qr::testing::make_test_set(positional[0]);
  for (const auto& t : set) {
    const std::string name = t.name + (pgm ? ".pgm" : ".png");
    const auto file = out / name;
    const bool written =
        pgm ? write_pgm(file, t.image)
            : kiosk::camera::write_png(file, t.image.width, t.image.height, 1, t.image.pixels);
    if (!written) {
      std::cerr << "cannot write " << file << "\n";
      return 1;
    }
    expected[name] = {{"kind", t.kind}, {"payloads", t.expected}};
  }
  std::ofstream(out / "expected.json") << expected.dump(1) << "\n";
  std::cout << "wrote " << expected.size() << " pictures to " << out.string() << "\n";
  return 0;
}
