#include "test_images.hpp"

#include <qrencode.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "drivers/qr/cccd_payload.hpp"
#include "drivers/qr/civil_date.hpp"
#include "picture_canvas.hpp"

namespace kiosk::qr::testing {
namespace {

struct QrDeleter {
  void operator()(QRcode* c) const { QRcode_free(c); }
};

}  // namespace

std::vector<std::uint8_t> qr_modules(const std::string& payload, int& size) {
  std::unique_ptr<QRcode, QrDeleter> code(
      QRcode_encodeData(static_cast<int>(payload.size()),
                        reinterpret_cast<const unsigned char*>(payload.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    throw std::runtime_error("libqrencode could not encode the payload");
  }
  size = code->width;
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size) * static_cast<std::size_t>(size));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = code->data[i] & 1;
  }
  return out;
}

std::vector<std::string> demo_payloads(const std::string& source_dir) {
  std::ifstream in(source_dir + "/sandbox/demo/citizens.json");
  const auto doc = nlohmann::json::parse(in);
  std::vector<std::string> out;
  for (const auto& c : doc.at("citizens")) {
    CccdIdentity id;
    id.id = c.at("id").get<std::string>();
    id.old_id = c.at("old_id").get<std::string>();
    id.full_name = c.at("full_name").get<std::string>();
    id.date_of_birth = CivilDate::from_iso(c.at("date_of_birth").get<std::string>()).value();
    id.sex = c.at("sex").get<std::string>() == "Nam" ? Sex::kMale : Sex::kFemale;
    id.address = c.at("place_of_residence").get<std::string>();
    id.issue_date = CivilDate::from_iso(c.at("issue_date").get<std::string>()).value();
    out.push_back(format_cccd_payload(id));
  }
  out.push_back("H34.29.2-230520-0001");
  out.push_back("https://dichvucong.example.gov.vn/tra-cuu?ma=H34.29.2-230520-0002");
  return out;
}

std::vector<TestImage> make_test_set(const std::string& source_dir, unsigned seed, std::size_t per_kind) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<std::string> payloads = demo_payloads(source_dir);
  const std::size_t n = per_kind == 0 ? payloads.size() : std::min(per_kind, payloads.size());
  std::vector<TestImage> out;

  auto code_image = [&](const std::string& kind, std::size_t index) {
    const std::string& payload = payloads[index];
    int size = 0;
    const auto modules = qr_modules(payload, size);
    Canvas c;
    draw_scene(c, rng);
    const double cx = kWidth / 2.0 + (u(rng) - 0.5) * 200, cy = kHeight / 2.0 + (u(rng) - 0.5) * 100;
    double module_px = 4.0 + u(rng) * 1.5;
    double angle = (u(rng) - 0.5) * 10;
    double tilt = 0;
    if (kind == "rotated") {
      angle = 20 + u(rng) * 50;
    } else if (kind == "perspective") {
      tilt = 0.25 + u(rng) * 0.15;
      angle = (u(rng) - 0.5) * 30;
    } else if (kind == "small") {
      module_px = 1.6 + u(rng) * 0.3;
    } else if (kind == "tiny") {
      module_px = 1.0 + u(rng) * 0.15;
    }
    const double side = module_px * (size + 8);
    draw_code(c, modules, size, placed(cx, cy, side, angle, tilt), 30, 215);
    if (kind == "blur") {
      box_blur(c, 1);
    } else if (kind == "noise") {
      add_noise(c, rng, 18);
    } else if (kind == "glare") {
      // Over the top-left finder pattern, where it stops any decoder.
      add_glare(c, cx - side * 0.28, cy - side * 0.28, side * 0.22, side * 0.16);
    }
    add_noise(c, rng, 2);
    out.push_back({kind + "-" + std::to_string(index), kind, to_image(c), {payload}});
  };

  const std::array<std::string, 9> kinds{"clean", "rotated", "perspective", "blur",     "noise",
                                         "glare", "small",   "tiny",        "heavyblur"};
  for (const std::string& kind : kinds) {
    for (std::size_t i = 0; i < n; ++i) {
      if (kind == "heavyblur") {
        // Motion blur a decoder should not read: the person has to hold still.
        code_image("clean", i);
        Canvas c = to_canvas(out.back().image);
        box_blur(c, 4);
        out.back().name = "heavyblur-" + std::to_string(i);
        out.back().kind = "heavyblur";
        out.back().image = to_image(c);
        continue;
      }
      code_image(kind, i);
    }
  }
  for (std::size_t i = 0; i < (per_kind == 0 ? 10 : per_kind); ++i) {
    Canvas c;
    draw_scene(c, rng);
    add_noise(c, rng, 2 + static_cast<float>(i % 10));
    out.push_back({"none-" + std::to_string(i), "none", to_image(c), {}});
  }
  for (std::size_t i = 0; i + 1 < payloads.size() && i / 3 < (per_kind == 0 ? payloads.size() : per_kind);
       i += 3) {
    Canvas c;
    draw_scene(c, rng);
    for (std::size_t k = 0; k < 2; ++k) {
      int size = 0;
      const auto modules = qr_modules(payloads[i + k], size);
      const double side = 4.0 * (size + 8);
      draw_code(c, modules, size,
                placed(kWidth * (k == 0 ? 0.3 : 0.7), kHeight / 2.0, side, (u(rng) - 0.5) * 20, 0), 30, 215);
    }
    add_noise(c, rng, 3);
    out.push_back({"two-" + std::to_string(i), "two", to_image(c), {payloads[i], payloads[i + 1]}});
  }
  return out;
}

}  // namespace kiosk::qr::testing
