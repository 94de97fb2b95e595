// Decodes every generated camera picture with the kiosk's decoder.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "drivers/qr/guidance.hpp"
#include "drivers/qr/qr_decoder.hpp"
#include "test_images.hpp"

namespace kiosk::qr {
namespace {

bool readable_kind(const std::string& kind) {
  return kind == "clean" || kind == "rotated" || kind == "perspective" || kind == "blur" || kind == "noise" ||
         kind == "two";
}

// One pass over the whole set (generating it is the slow part under a
// sanitizer): every readable code is read, nothing wrong is ever read, and
// the pictures that cannot be read get the hint that fits.
TEST(DecodeTestSet, ReadsWhatIsReadableNothingWrongAndHintsTheRest) {
  const QrDecoder decoder;
  const std::map<std::string, Hint> expected_hint{
      {"glare", Hint::kTooMuchGlare}, {"heavyblur", Hint::kHoldStill}, {"none", Hint::kNoCodeSeen}};
  std::map<std::string, int> counted;
  for (const auto& t : testing::make_test_set(KIOSK_SOURCE_DIR)) {
    ++counted[t.kind];
    const DecodeOutcome outcome = decoder.decode(t.image.view());
    for (const DecodedSymbol& s : outcome.symbols) {
      EXPECT_NE(std::find(t.expected.begin(), t.expected.end(), s.text), t.expected.end())
          << t.name << " decoded something that is not in the picture";
    }
    if (readable_kind(t.kind)) {
      for (const std::string& payload : t.expected) {
        const bool found = std::any_of(outcome.symbols.begin(), outcome.symbols.end(),
                                       [&](const DecodedSymbol& s) { return s.text == payload; });
        EXPECT_TRUE(found) << t.name << " not decoded";
      }
    }
    if (const auto it = expected_hint.find(t.kind); it != expected_hint.end()) {
      EXPECT_TRUE(outcome.symbols.empty()) << t.name << " was meant to be unreadable";
      EXPECT_EQ(to_string(guidance_hint(outcome, t.image.view())), to_string(it->second)) << t.name;
    }
  }
  EXPECT_EQ(counted["clean"], 8);
  EXPECT_EQ(counted["none"], 10);
  EXPECT_EQ(counted["two"], 3);
}

TEST(Guidance, ALocatedButSmallCodeAsksToMoveCloser) {
  GrayImage flat;
  flat.width = 640;
  flat.height = 480;
  flat.pixels.assign(640u * 480u, 128);
  for (int y = 200; y < 260; ++y) {
    for (int x = 300; x < 360; x += 2) {
      flat.pixels[static_cast<std::size_t>(y) * 640 + static_cast<std::size_t>(x)] = 20;
    }
  }
  DecodeOutcome outcome;
  outcome.sighting.undecoded = Quad{PointF{300, 200}, PointF{360, 200}, PointF{360, 260}, PointF{300, 260}};
  EXPECT_EQ(guidance_hint(outcome, flat.view()), Hint::kMoveCloser);
  outcome.sighting.undecoded = Quad{PointF{100, 50}, PointF{500, 50}, PointF{500, 450}, PointF{100, 450}};
  EXPECT_EQ(guidance_hint(outcome, flat.view()), Hint::kHoldStill);
  outcome.symbols.push_back({"x", {}, false});
  EXPECT_EQ(guidance_hint(outcome, flat.view()), Hint::kNone);
}

}  // namespace
}  // namespace kiosk::qr
