// The kiosk's QR decoder against zbar (libzbar in process, QR only) on the
// same generated camera pictures: correct reads, wrong reads, false
// positives and time per picture, side by side.
#include <zbar.h>

#include <time.h>
#include <algorithm>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "drivers/qr/qr_decoder.hpp"
#include "test_images.hpp"

namespace {

using namespace zbar;  // zbar.h puts its C API in this namespace under C++
using kiosk::qr::GrayView;
using kiosk::qr::testing::TestImage;
using Decoder = std::function<std::vector<std::string>(const GrayView&)>;

constexpr int kRepeats = 3;

struct Tally {
  int correct = 0;         // codes read with the right text
  int wrong = 0;           // text read that is not in the picture
  int false_positive = 0;  // anything read from a picture without a code
  int missed = 0;
  std::vector<double> ms;        // per picture, median of kRepeats
  std::vector<double> empty_ms;  // pictures without a code
  // The same in CPU time of the decoding thread: what one core spends,
  // unaffected by other programs sharing the machine.
  std::vector<double> cpu_ms;
  std::vector<double> empty_cpu_ms;
  std::map<std::string, std::pair<int, int>> by_kind;  // read / present
};

class Zbar {
 public:
  Zbar() : scanner_(zbar_image_scanner_create(), zbar_image_scanner_destroy) {
    zbar_image_scanner_set_config(scanner_.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner_.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  }

  std::vector<std::string> decode(const GrayView& g) const {
    std::unique_ptr<zbar_image_t, decltype(&zbar_image_destroy)> image(zbar_image_create(),
                                                                       zbar_image_destroy);
    zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image.get(), static_cast<unsigned>(g.width), static_cast<unsigned>(g.height));
    zbar_image_set_data(image.get(), g.data,
                        static_cast<unsigned long>(g.width) * static_cast<unsigned long>(g.height), nullptr);
    zbar_scan_image(scanner_.get(), image.get());
    std::vector<std::string> out;
    for (const zbar_symbol_t* s = zbar_image_first_symbol(image.get()); s; s = zbar_symbol_next(s)) {
      out.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
    }
    return out;
  }

 private:
  std::unique_ptr<zbar_image_scanner_t, decltype(&zbar_image_scanner_destroy)> scanner_;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  const auto idx = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(idx, v.size() - 1)];
}

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

Tally run(const std::vector<TestImage>& set, const Decoder& decode) {
  Tally t;
  for (const TestImage& img : set) {
    std::vector<double> times;
    std::vector<double> cpu_times;
    std::vector<std::string> read;
    for (int r = 0; r < kRepeats; ++r) {
      const double c0 = thread_cpu_ms();
      const auto t0 = std::chrono::steady_clock::now();
      read = decode(img.image.view());
      times.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      cpu_times.push_back(thread_cpu_ms() - c0);
    }
    const double ms = percentile(times, 0.5);
    const double cpu_ms = percentile(cpu_times, 0.5);
    t.ms.push_back(ms);
    t.cpu_ms.push_back(cpu_ms);
    if (img.kind == "none") {
      t.empty_ms.push_back(ms);
      t.empty_cpu_ms.push_back(cpu_ms);
      t.false_positive += static_cast<int>(read.size());
      continue;
    }
    auto& kind = t.by_kind[img.kind];
    for (const std::string& text : read) {
      if (std::find(img.expected.begin(), img.expected.end(), text) != img.expected.end()) {
        ++t.correct;
        ++kind.first;
      } else {
        ++t.wrong;
      }
    }
    for (const std::string& e : img.expected) {
      ++kind.second;
      t.missed += std::find(read.begin(), read.end(), e) == read.end();
    }
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string source = argc > 1 ? argv[1] : KIOSK_SOURCE_DIR;
  const auto set = kiosk::qr::testing::make_test_set(source);
  const kiosk::qr::QrDecoder ours;
  const Zbar zbar;
  const Tally a = run(set, [&](const GrayView& g) {
    std::vector<std::string> out;
    for (const auto& s : ours.decode(g).symbols) {
      out.push_back(s.text);
    }
    return out;
  });
  const Tally b = run(set, [&](const GrayView& g) { return zbar.decode(g); });

  int codes = 0;
  for (const auto& img : set) {
    codes += static_cast<int>(img.expected.size()) * (img.kind != "none");
  }
  std::printf(
      "%zu pictures at 1280x720 (%d codes, %zu without a code), median of %d runs each, one thread\n\n",
      set.size(), codes, a.empty_ms.size(), kRepeats);
  std::printf("%-26s %12s %12s\n", "", "kiosk (ZXing)", "zbar");
  std::printf("%-26s %12d %12d\n", "decoded correctly", a.correct, b.correct);
  std::printf("%-26s %12d %12d\n", "wrong text", a.wrong, b.wrong);
  std::printf("%-26s %12d %12d\n", "false positives", a.false_positive, b.false_positive);
  std::printf("%-26s %12d %12d\n", "missed", a.missed, b.missed);
  std::printf("%-26s %12.2f %12.2f\n", "median ms / picture", percentile(a.ms, 0.5), percentile(b.ms, 0.5));
  std::printf("%-26s %12.2f %12.2f\n", "p95 ms / picture", percentile(a.ms, 0.95), percentile(b.ms, 0.95));
  std::printf("%-26s %12.2f %12.2f\n", "median ms, no code", percentile(a.empty_ms, 0.5),
              percentile(b.empty_ms, 0.5));
  std::printf("%-26s %12.2f %12.2f\n", "p95 ms, no code", percentile(a.empty_ms, 0.95),
              percentile(b.empty_ms, 0.95));
  std::printf("%-26s %12.2f %12.2f\n", "median CPU ms / picture", percentile(a.cpu_ms, 0.5),
              percentile(b.cpu_ms, 0.5));
  std::printf("%-26s %12.2f %12.2f\n", "p95 CPU ms / picture", percentile(a.cpu_ms, 0.95),
              percentile(b.cpu_ms, 0.95));
  std::printf("%-26s %12.2f %12.2f\n", "median CPU ms, no code", percentile(a.empty_cpu_ms, 0.5),
              percentile(b.empty_cpu_ms, 0.5));
  std::printf("%-26s %12.2f %12.2f\n", "p95 CPU ms, no code", percentile(a.empty_cpu_ms, 0.95),
              percentile(b.empty_cpu_ms, 0.95));
  std::printf("\nby kind (read/present):\n");
  for (const auto& [kind, counts] : a.by_kind) {
    const auto& z = b.by_kind.at(kind);
    std::printf("  %-24s %9d/%-3d %8d/%-3d\n", kind.c_str(), counts.first, counts.second, z.first, z.second);
  }
  const double ratio = percentile(a.ms, 0.5) / std::max(1e-9, percentile(b.ms, 0.5));
  std::printf("\nmedian time ratio kiosk/zbar: %.2f (target < 0.50)\n", ratio);
  std::printf("decoded kiosk - zbar: %+d (target >= 0), kiosk wrong: %d (target 0)\n", a.correct - b.correct,
              a.wrong);
  // One core's work per frame: CPU time, so a busy machine does not count against the decoder.
  const double empty_p95 = percentile(a.empty_cpu_ms, 0.95);
  std::printf("no-code frame on one core: median %.2f ms, p95 %.2f ms CPU (target < 10 ms)\n",
              percentile(a.empty_cpu_ms, 0.5), empty_p95);
  const bool met = ratio < 0.5 && a.correct >= b.correct && a.wrong == 0 && empty_p95 < 10.0;
  std::printf("targets %s\n", met ? "met" : "NOT met");
  return 0;
}
