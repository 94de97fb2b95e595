// The kiosk's QR decoder against ZXing-C++ 1.4 used thoroughly (try harder,
// rotate, downscale, then the other binarizer), ZXing-C++ 3.x (zxing-wasm
// under node, read from its result file) and zbar (libzbar in process, QR
// only), on the generated camera pictures: the 85 of the basic set and the
// lobby set. Correct reads, wrong reads, false positives, time per picture,
// and reads per distortion, side by side.
// usage: qr-bench SOURCE_DIR [--zxing3 RESULTS.json] [--set basic|hard]
// zbar.h first: ZXing's Error.h defines macros named like zbar's classes.
#include <zbar.h>
// clang-format off
#include <ZXing/ReadBarcode.h>
// clang-format on
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "drivers/qr/qr_decoder.hpp"
#include "hard_test_images.hpp"
#include "test_images.hpp"

namespace {

using namespace zbar;  // zbar.h puts its C API in this namespace under C++
using kiosk::qr::GrayView;
using kiosk::qr::testing::TestImage;
using Texts = std::vector<std::string>;
using DecodeFn = std::function<Texts(const GrayView&)>;

struct Reading {
  Texts texts;
  double ms = 0;
  double cpu_ms = 0;
};

class Zbar {
 public:
  Zbar() : scanner_(zbar_image_scanner_create(), zbar_image_scanner_destroy) {
    zbar_image_scanner_set_config(scanner_.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner_.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  }

  Texts decode(const GrayView& g) const {
    std::unique_ptr<zbar_image_t, decltype(&zbar_image_destroy)> image(zbar_image_create(),
                                                                       zbar_image_destroy);
    zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image.get(), static_cast<unsigned>(g.width), static_cast<unsigned>(g.height));
    zbar_image_set_data(image.get(), g.data,
                        static_cast<unsigned long>(g.width) * static_cast<unsigned long>(g.height), nullptr);
    zbar_scan_image(scanner_.get(), image.get());
    Texts out;
    for (const zbar_symbol_t* s = zbar_image_first_symbol(image.get()); s; s = zbar_symbol_next(s)) {
      out.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
    }
    return out;
  }

 private:
  std::unique_ptr<zbar_image_scanner_t, decltype(&zbar_image_scanner_destroy)> scanner_;
};

// ZXing-C++ 1.4 as its own documentation suggests for hard pictures.
Texts zxing14_thorough(const GrayView& g) {
  const ZXing::ImageView view(g.data, g.width, g.height, ZXing::ImageFormat::Lum, g.stride);
  Texts out;
  for (const auto binarizer : {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram}) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode)
        .setTryHarder(true)
        .setTryRotate(true)
        .setTryDownscale(true)
        .setBinarizer(binarizer);
    for (const auto& r : ZXing::ReadBarcodes(view, hints)) {
      if (r.isValid() && std::find(out.begin(), out.end(), r.text()) == out.end()) {
        out.push_back(r.text());
      }
    }
    if (!out.empty()) {
      break;
    }
  }
  return out;
}

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

std::vector<Reading> run(const std::vector<TestImage>& set, const DecodeFn& decode, int repeats) {
  std::vector<Reading> out;
  for (const TestImage& img : set) {
    std::vector<double> times;
    std::vector<double> cpu_times;
    Reading r;
    for (int k = 0; k < repeats; ++k) {
      const double c0 = thread_cpu_ms();
      const auto t0 = std::chrono::steady_clock::now();
      r.texts = decode(img.image.view());
      times.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      cpu_times.push_back(thread_cpu_ms() - c0);
    }
    r.ms = percentile(times, 0.5);
    r.cpu_ms = percentile(cpu_times, 0.5);
    out.push_back(std::move(r));
  }
  return out;
}

struct Tally {
  int correct = 0;
  int wrong = 0;           // text read that is not in the picture
  int false_positive = 0;  // anything read from a picture without a code
  std::vector<double> ms, empty_ms, empty_cpu_ms, decoy_cpu_ms;
  std::map<std::string, int> by_kind;  // codes read
};

Tally tally(const std::vector<TestImage>& set, const std::vector<Reading>& readings) {
  Tally t;
  for (std::size_t i = 0; i < set.size(); ++i) {
    const TestImage& img = set[i];
    const Reading& r = readings[i];
    t.ms.push_back(r.ms);
    if (img.expected.empty()) {
      t.empty_ms.push_back(r.ms);
      (img.kind == "decoy" ? t.decoy_cpu_ms : t.empty_cpu_ms).push_back(r.cpu_ms);
      t.false_positive += static_cast<int>(r.texts.size());
      continue;
    }
    for (const std::string& text : std::set<std::string>(r.texts.begin(), r.texts.end())) {
      if (std::find(img.expected.begin(), img.expected.end(), text) != img.expected.end()) {
        ++t.correct;
        ++t.by_kind[img.kind];
      } else {
        ++t.wrong;
      }
    }
  }
  return t;
}

bool reads(const TestImage& img, const Reading& r) {
  return std::any_of(img.expected.begin(), img.expected.end(), [&](const std::string& e) {
    return std::find(r.texts.begin(), r.texts.end(), e) != r.texts.end();
  });
}

std::optional<std::vector<Reading>> zxing3_readings(const std::string& file,
                                                    const std::vector<TestImage>& set, std::string& version) {
  std::ifstream in(file);
  if (!in) {
    return std::nullopt;
  }
  const auto doc = nlohmann::json::parse(in);
  version =
      doc.value("version", "?") + " (zxing-cpp " + doc.value("zxing_cpp_commit", "?").substr(0, 8) + ")";
  std::vector<Reading> out;
  for (const TestImage& img : set) {
    const auto& p = doc.at("pictures").at(img.name);
    out.push_back({p.at("texts").get<Texts>(), p.at("ms").get<double>(), p.at("ms").get<double>()});
  }
  return out;
}

void report(const std::string& title, const std::vector<TestImage>& set,
            const std::vector<std::pair<std::string, std::vector<Reading>>>& columns) {
  int codes = 0;
  int empty = 0;
  std::map<std::string, int> present;
  for (const auto& img : set) {
    codes += static_cast<int>(img.expected.size());
    empty += img.expected.empty();
    if (!img.expected.empty()) {
      present[img.kind] += static_cast<int>(img.expected.size());
    }
  }
  std::printf("\n%s: %zu pictures at 1280x720, %d codes, %d pictures without a code\n\n", title.c_str(),
              set.size(), codes, empty);
  std::vector<Tally> tallies;
  std::printf("%-24s", "");
  for (const auto& [name, readings] : columns) {
    tallies.push_back(tally(set, readings));
    std::printf(" %14s", name.c_str());
  }
  std::printf("\n");
  auto row = [&](const char* label, auto value) {
    std::printf("%-24s", label);
    for (const Tally& t : tallies) {
      value(t);
    }
    std::printf("\n");
  };
  row("read", [](const Tally& t) { std::printf(" %14d", t.correct); });
  row("wrong", [](const Tally& t) { std::printf(" %14d", t.wrong); });
  row("false positives", [](const Tally& t) { std::printf(" %14d", t.false_positive); });
  row("median ms / picture", [](const Tally& t) { std::printf(" %14.1f", percentile(t.ms, 0.5)); });
  row("p95 ms / picture", [](const Tally& t) { std::printf(" %14.1f", percentile(t.ms, 0.95)); });
  row("median ms, no code", [](const Tally& t) { std::printf(" %14.1f", percentile(t.empty_ms, 0.5)); });
  row("median CPU ms, no code",
      [](const Tally& t) { std::printf(" %14.1f", percentile(t.empty_cpu_ms, 0.5)); });
  row("p95 CPU ms, no code",
      [](const Tally& t) { std::printf(" %14.1f", percentile(t.empty_cpu_ms, 0.95)); });
  if (std::any_of(set.begin(), set.end(), [](const TestImage& i) { return i.kind == "decoy"; })) {
    row("median CPU ms, decoy",
        [](const Tally& t) { std::printf(" %14.1f", percentile(t.decoy_cpu_ms, 0.5)); });
  }
  std::printf("read per distortion:\n");
  for (const auto& [kind, n] : present) {
    std::printf("  %-22s", (kind + " (" + std::to_string(n) + ")").c_str());
    for (const Tally& t : tallies) {
      const auto it = t.by_kind.find(kind);
      std::printf(" %14d", it == t.by_kind.end() ? 0 : it->second);
    }
    std::printf("\n");
  }
  // Pictures another decoder reads and ours does not: what is left to win.
  const auto& ours = columns.front().second;
  for (std::size_t c = 1; c < columns.size(); ++c) {
    std::string missed;
    int count = 0;
    for (std::size_t i = 0; i < set.size(); ++i) {
      if (reads(set[i], columns[c].second[i]) && !reads(set[i], ours[i])) {
        ++count;
        missed += " " + set[i].name;
      }
    }
    std::printf("read by %s, not by %s: %d%s\n", columns[c].first.c_str(), columns.front().first.c_str(),
                count, missed.c_str());
  }
  const Tally& a = tallies.front();
  const Tally& z = tallies.back();
  const double ratio = percentile(a.ms, 0.5) / std::max(1e-9, percentile(z.ms, 0.5));
  std::printf("median time ratio %s/%s: %.2f (target <= 0.50)\n", columns.front().first.c_str(),
              columns.back().first.c_str(), ratio);
}

// What each of the kiosk decoder's later stages pays: reads and time with
// the stage turned off, and which stage read each code with all of them on.
void stage_report(const std::vector<TestImage>& set, int repeats) {
  using Options = kiosk::qr::QrDecoder::Options;
  struct Variant {
    const char* name;
    Options options;
  };
  Options all;
  std::vector<Variant> variants{{"all stages", all}};
  Options o = all;
  o.full_size = false;
  variants.push_back({"without full-size", o});
  o = all;
  o.normalised = false;
  variants.push_back({"without normalised", o});
  o = all;
  o.global = false;
  variants.push_back({"without global", o});
  o = all;
  o.upscaled = false;
  variants.push_back({"without upscaled", o});
  o = all;
  o.zbar = false;
  variants.push_back({"without zbar", o});
  o = all;
  o.whole_frame = false;
  variants.push_back({"without whole-frame", o});
  o.full_size = o.normalised = o.global = o.upscaled = o.zbar = false;
  variants.push_back({"fast + thorough only", o});
  std::printf("\nkiosk decoder stages:\n%-24s %8s %14s %14s\n", "", "read", "median ms", "p95 ms");
  for (const Variant& v : variants) {
    const kiosk::qr::QrDecoder decoder(v.options);
    std::map<std::string, int> by_stage;
    const auto readings = run(
        set,
        [&](const GrayView& g) {
          Texts out;
          const auto outcome = decoder.decode(g);
          for (const auto& s : outcome.symbols) {
            out.push_back(s.text);
          }
          return out;
        },
        repeats);
    const Tally t = tally(set, readings);
    std::printf("%-24s %8d %14.1f %14.1f\n", v.name, t.correct, percentile(t.ms, 0.5),
                percentile(t.ms, 0.95));
    if (&v == &variants.front()) {
      for (const TestImage& img : set) {
        ++by_stage[kiosk::qr::to_string(decoder.decode(img.image.view()).read_by)];
      }
      std::printf("  pictures by the stage that read them:");
      for (const auto& [stage, n] : by_stage) {
        std::printf(" %s %d", stage.c_str(), n);
      }
      std::printf("\n");
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string source = KIOSK_SOURCE_DIR;
  std::string zxing3_file;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--zxing3" && i + 1 < argc) {
      zxing3_file = argv[++i];
    } else if (arg == "--set" && i + 1 < argc) {
      only = argv[++i];
    } else {
      source = arg;
    }
  }
  const kiosk::qr::QrDecoder ours;
  const Zbar zbar;
  const DecodeFn kiosk_decoder = [&](const GrayView& g) {
    Texts out;
    for (const auto& s : ours.decode(g).symbols) {
      out.push_back(s.text);
    }
    return out;
  };
  const DecodeFn zbar_decoder = [&](const GrayView& g) { return zbar.decode(g); };
  struct Set {
    std::string name;
    std::string title;
    std::vector<TestImage> pictures;
    int repeats;
  };
  std::vector<Set> sets;
  if (only.empty() || only == "basic") {
    sets.push_back({"basic", "basic set", kiosk::qr::testing::make_test_set(source), 3});
  }
  if (only.empty() || only == "hard") {
    sets.push_back({"hard", "lobby set", kiosk::qr::testing::make_hard_test_set(source), 1});
  }
  std::printf("one thread; times are the median of the repeats per picture (basic 3, lobby 1)\n");
  for (const Set& s : sets) {
    std::fflush(stdout);
    std::vector<std::pair<std::string, std::vector<Reading>>> columns;
    columns.emplace_back("kiosk", run(s.pictures, kiosk_decoder, s.repeats));
    columns.emplace_back("zxing1.4-all", run(s.pictures, zxing14_thorough, 1));
    if (!zxing3_file.empty()) {
      std::string version;
      auto z3 = zxing3_readings(zxing3_file + "." + s.name + ".json", s.pictures, version);
      if (z3) {
        std::printf("ZXing-C++ 3.x: zxing-wasm %s under node\n", version.c_str());
        columns.emplace_back("zxing3.x", std::move(*z3));
      }
    }
    columns.emplace_back("zbar", run(s.pictures, zbar_decoder, s.repeats));
    report(s.title, s.pictures, columns);
    stage_report(s.pictures, s.repeats);
  }
  return 0;
}
