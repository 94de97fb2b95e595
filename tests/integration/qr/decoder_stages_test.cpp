// The decoder's later stages on lobby pictures: they read codes the fast
// and thorough ZXing passes alone (the decoder before these stages) miss,
// lose none of theirs, and read nothing that is not in the picture.
#include <gtest/gtest.h>

#include <algorithm>

#include "drivers/qr/qr_decoder.hpp"
#include "hard_test_images.hpp"

namespace kiosk::qr {
namespace {

bool reads(const DecodeOutcome& outcome, const std::string& payload) {
  return std::any_of(outcome.symbols.begin(), outcome.symbols.end(),
                     [&](const DecodedSymbol& s) { return s.text == payload; });
}

TEST(DecoderStages, ReadWhatTheFastAndThoroughPassesMissAndNothingWrong) {
  QrDecoder::Options before_options;
  before_options.full_size = before_options.normalised = before_options.global = before_options.upscaled =
      before_options.zbar = before_options.whole_frame = false;
  const QrDecoder before(before_options);
  const QrDecoder after;
  int gained = 0;
  int without_code = 0;
  for (const auto& t : testing::make_hard_test_set(KIOSK_SOURCE_DIR, 19, 4)) {
    const DecodeOutcome old_outcome = before.decode(t.image.view());
    const DecodeOutcome outcome = after.decode(t.image.view());
    for (const DecodedSymbol& s : outcome.symbols) {
      EXPECT_NE(std::find(t.expected.begin(), t.expected.end(), s.text), t.expected.end())
          << t.name << " read something that is not in the picture";
    }
    without_code += t.expected.empty();
    for (const std::string& payload : t.expected) {
      if (reads(old_outcome, payload)) {
        EXPECT_TRUE(reads(outcome, payload)) << t.name << ": the later stages lost a code";
      } else if (reads(outcome, payload)) {
        ++gained;
        EXPECT_NE(outcome.read_by, Stage::kFast) << t.name;
        EXPECT_NE(outcome.read_by, Stage::kThorough) << t.name;
      }
    }
  }
  EXPECT_GT(without_code, 0);
  EXPECT_GE(gained, 2) << "the later stages read codes the earlier passes miss";
}

}  // namespace
}  // namespace kiosk::qr
