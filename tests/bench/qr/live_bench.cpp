// The live path: a card brought into the camera's view and held there, its
// frames replayed at 15 fps to the kiosk's decoder as the scanner would feed
// it (always the newest frame; frames that arrive while it decodes are
// dropped). Measures the time from the first frame showing the card to the
// decoded identity, with and without combining frames. Decoding time is the
// decoding thread's CPU time, so other programs on the machine do not count.
// usage: qr-live-bench [SOURCE_DIR]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "card_sequence.hpp"
#include "drivers/camera/multi_frame_decoder.hpp"

namespace {

using kiosk::qr::testing::CardSequence;

constexpr double kFrameMs = 1000.0 / kiosk::qr::testing::kFramesPerSecond;

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  const auto idx = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(idx, v.size() - 1)];
}

struct Replay {
  bool read = false;
  bool wrong = false;
  double latency_ms = 0;  // from the card's first frame to the identity
  int combined = 1;
};

Replay replay(const CardSequence& seq, bool multi_frame) {
  kiosk::camera::MultiFrameDecoder::Options options;
  options.enabled = multi_frame;
  kiosk::camera::MultiFrameDecoder decoder(kiosk::qr::QrDecoder::Options{}, options);
  Replay r;
  double now = 0;  // replay clock, ms since the first frame
  std::size_t next = 0;
  while (true) {
    // The newest frame delivered by now, or the next one to come.
    auto index = static_cast<std::size_t>(now / kFrameMs);
    index = std::max(index, next);
    if (index >= seq.frames.size()) {
      break;
    }
    now = std::max(now, static_cast<double>(index) * kFrameMs);
    const double c0 = thread_cpu_ms();
    const auto outcome = decoder.decode(seq.frames[index].view());
    now += thread_cpu_ms() - c0;
    next = index + 1;
    for (const auto& s : outcome.symbols) {
      if (s.text != seq.payload) {
        r.wrong = true;
      } else if (!r.read) {
        r.read = true;
        r.latency_ms = now - static_cast<double>(seq.enters) * kFrameMs;
        r.combined = outcome.combined_frames;
      }
    }
    if (r.read) {
      break;
    }
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string source = argc > 1 ? argv[1] : KIOSK_SOURCE_DIR;
  const auto sequences = kiosk::qr::testing::make_card_sequences(source);
  const double seconds =
      static_cast<double>(sequences.front().frames.size() - sequences.front().enters) * kFrameMs / 1000;
  std::printf(
      "live path: %zu cards shown to the camera for %.1f s each at 15 fps (lobby distortions), one core\n\n",
      sequences.size(), seconds);
  std::printf("%-22s %10s %8s %16s %14s %14s\n", "", "read", "wrong", "read from >1 fr", "median ms",
              "p95 ms");
  for (const bool multi : {false, true}) {
    std::vector<double> latencies;
    int read = 0, wrong = 0, combined = 0;
    for (const CardSequence& seq : sequences) {
      const Replay r = replay(seq, multi);
      read += r.read;
      wrong += r.wrong;
      combined += r.read && r.combined > 1;
      if (r.read) {
        latencies.push_back(r.latency_ms);
      }
    }
    std::printf("%-22s %6d/%-3zu %8d %16d %14.0f %14.0f\n", multi ? "with multi-frame" : "single frames",
                read, sequences.size(), wrong, combined, percentile(latencies, 0.5),
                percentile(latencies, 0.95));
  }
  std::printf("(latency: card entering the view to decoded identity, over the cards read)\n");
  return 0;
}
