// Writes the generated QR picture set as PNG files plus expected.json, for
// zbarimg, the kiosk-qr tool and `--camera dir:PATH` demos.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "drivers/camera/image_file.hpp"
#include "test_images.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: qr-test-set SOURCE_DIR OUT_DIR\n";
    return 2;
  }
  const std::filesystem::path out(argv[2]);
  std::filesystem::create_directories(out);
  nlohmann::json expected = nlohmann::json::object();
  for (const auto& t : kiosk::qr::testing::make_test_set(argv[1])) {
    const auto file = out / (t.name + ".png");
    if (!kiosk::camera::write_png(file, t.image.width, t.image.height, 1, t.image.pixels)) {
      std::cerr << "cannot write " << file << "\n";
      return 1;
    }
    expected[t.name + ".png"] = {{"kind", t.kind}, {"payloads", t.expected}};
  }
  std::ofstream(out / "expected.json") << expected.dump(1) << "\n";
  std::cout << "wrote " << expected.size() << " pictures to " << out.string() << "\n";
  return 0;
}
