#include "card_sequence.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <random>

#include "hard_test_images.hpp"
#include "picture_canvas.hpp"

namespace kiosk::qr::testing {
namespace {

constexpr std::size_t kEmptyFrames = 4;
// Pixels the card still has to travel at each frame of its entrance: fast,
// then slowing down as the hand stops.
constexpr double kEntrance[] = {160, 70, 28, 9};

}  // namespace

std::vector<CardSequence> make_card_sequences(const std::string& source_dir, unsigned seed, std::size_t count,
                                              std::size_t frames_each) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const std::vector<std::string> payloads = demo_payloads(source_dir);
  const std::size_t kinds = std::size(kHardKinds);
  const std::size_t total = count == 0 ? kinds * payloads.size() : count;
  std::vector<CardSequence> out;
  for (std::size_t i = 0; i < total; ++i) {
    CardSequence seq;
    seq.kind = kHardKinds[i % kinds];
    seq.payload = payloads[(i / kinds) % payloads.size()];
    seq.name = seq.kind + "-" + std::to_string(i);
    seq.enters = kEmptyFrames;
    int size = 0;
    const auto modules = qr_modules(seq.payload, size);
    const Look look = look_for(seq.kind, rng);
    Canvas scene;
    draw_scene(scene, rng);
    const double from = u(rng) * 2 * kPi;  // direction the card comes from
    double tremor_x = 0, tremor_y = 0;
    for (std::size_t f = 0; f < frames_each; ++f) {
      if (f < kEmptyFrames) {
        seq.frames.push_back(render_look(scene, modules, 0, look, Motion{}, rng));
        continue;
      }
      Motion m;
      const std::size_t step = f - kEmptyFrames;
      if (step < std::size(kEntrance)) {
        const double left = kEntrance[step];
        const double speed = step + 1 < std::size(kEntrance) ? left - kEntrance[step + 1] : left;
        m.dx = std::cos(from) * left;
        m.dy = std::sin(from) * left;
        // The shutter is open for about half the frame time.
        m.blur_px = speed * 0.5;
        m.blur_angle = from;
      } else {
        // Hand tremor: a random walk of about a pixel a frame, pulled back
        // towards where the hand holds the card.
        tremor_x = 0.7 * tremor_x + (u(rng) - 0.5) * 2.4;
        tremor_y = 0.7 * tremor_y + (u(rng) - 0.5) * 2.4;
        m.dx = tremor_x;
        m.dy = tremor_y;
        m.turn_deg = (u(rng) - 0.5) * 0.6;
        m.blur_px = std::hypot(tremor_x, tremor_y) * 0.5;
        m.blur_angle = std::atan2(tremor_y, tremor_x);
      }
      seq.frames.push_back(render_look(scene, modules, size, look, m, rng));
    }
    out.push_back(std::move(seq));
  }
  return out;
}

}  // namespace kiosk::qr::testing
