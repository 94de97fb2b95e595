#pragma once

#include <random>
#include <string>
#include <vector>

#include "picture_canvas.hpp"
#include "test_images.hpp"

namespace kiosk::qr::testing {

// What a camera in a real lobby makes of a CCCD or receipt QR code: one
// distortion per kind at a random strength, then all of them mixed.
//   faded     print contrast down to a tenth of the range
//   motion    straight motion blur of 2 to 5 pixels in any direction
//   glare     a saturated reflection somewhere on the code
//   shadow    a light gradient and a hard-edged shadow across the code
//   smallmod  modules of 1.6 to 2.9 pixels
//   tilt      the card turned 35 to 60 degrees away from the camera
//   noise     sensor noise of 14 to 30 grey levels
//   jpeg      JPEG at quality 8 to 35
//   mixed     two or three of the above, milder
//   none      no code: lobby scenes under the same distortions
//   decoy     no code either: finder patterns around random modules, which
//             every decoder locates and none may read
constexpr const char* kHardKinds[] = {"faded", "motion", "glare", "shadow", "smallmod",
                                      "tilt",  "noise",  "jpeg",  "mixed"};

// How one lobby picture is spoilt; fixed per picture (or per card held in
// front of the camera for several frames).
struct Look {
  double module_px = 0;
  double cx = 0, cy = 0;  // where the code's centre is
  double spin_deg = 0;    // in its own plane
  double tilt_deg = 0;    // away from the camera, about an axis at axis_deg
  double axis_deg = 0;
  float dark = 30;
  float light = 215;
  double shadow = 0;  // 0: none
  unsigned shadow_seed = 0;
  double glare_side = 0;  // glare radius as a fraction of the code side; 0: none
  double glare_dx = 0, glare_dy = 0, glare_aspect = 1;
  double motion_px = 0;  // 0: none
  double motion_angle = 0;
  float noise = 0;       // on top of the sensor's own
  int jpeg_quality = 0;  // 0: none
};

// A random look of one of kHardKinds.
Look look_for(const std::string& kind, std::mt19937& rng);

// Where a held card moved in this frame, relative to its look.
struct Motion {
  double dx = 0, dy = 0, turn_deg = 0;
  double blur_px = 0, blur_angle = 0;
};

// Draws the code with its look onto the scene `c`, then the camera's blur,
// noise and compression. `size` 0 draws no code.
GrayImage render_look(Canvas c, const std::vector<std::uint8_t>& modules, int size, const Look& look,
                      const Motion& motion, std::mt19937& noise_rng);

// Four pictures per payload and kind (`per_kind` limits the pictures of each
// kind, 0: all) plus 60 without a code (half of them decoys); deterministic for a given seed.
std::vector<TestImage> make_hard_test_set(const std::string& source_dir, unsigned seed = 19,
                                          std::size_t per_kind = 0);

}  // namespace kiosk::qr::testing
