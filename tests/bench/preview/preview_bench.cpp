// Opening a 20-page vault PDF in the preview: time until the first page is
// rendered at screen resolution by the kiosk's page renderer (the pixels the
// UI uploads as a texture on its next frame), then the next pages rendered
// lazily one by one, and peak memory. tools/bench.d/45-preview.sh compares
// the first page with `pdftoppm -r <dpi> -f 1 -l 1` on the same file.
//
//   preview_bench OUT_DIR [FONT]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/app/page_renderer.hpp"
#include "sandbox/generator/text_pdf.hpp"
#include "sandbox/generator/truetype_font.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPages = 20;
constexpr int kRuns = 15;
constexpr int kScreenWidth = 1200;  // the preview's page width at fit-width on the 1280x800 kiosk screen

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      return std::stol(line.substr(6));
    }
  }
  return 0;
}

// Like the sandbox's vault papers: A4, Noto Sans embedded, Vietnamese text.
std::vector<std::uint8_t> twenty_pages(const kiosk::sandbox::TrueTypeFont& font) {
  using kiosk::sandbox::TextPdf;
  TextPdf pdf(font);
  const double left = 60;
  const double width = TextPdf::kPageWidth - 2 * left;
  for (int page = 1; page <= kPages; ++page) {
    pdf.new_page();
    double y = TextPdf::kPageHeight - 100;
    pdf.text(left, y, 10, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH");
    pdf.text(330, y, 10, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    y -= 14;
    pdf.text(365, y, 10, "Độc lập - Tự do - Hạnh phúc");
    y -= 50;
    pdf.centered(y, 18, "HỒ SƠ ĐỊA CHÍNH — TRANG " + std::to_string(page) + "/" + std::to_string(kPages));
    y -= 40;
    for (int paragraph = 0; paragraph < 9 && y > 120; ++paragraph) {
      y = pdf.wrapped(left, y, width, 11,
                      "Điều " + std::to_string(paragraph + 1) +
                          ". Người sử dụng đất được cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu "
                          "nhà ở và tài sản khác gắn liền với đất khi có đủ các điều kiện theo quy định "
                          "của pháp luật về đất đai; thửa đất số 123, tờ bản đồ số 45, diện tích 152,6 m², "
                          "mục đích sử dụng: đất ở tại đô thị, thời hạn sử dụng: lâu dài.") -
          8;
    }
    pdf.rule(left, 60, TextPdf::kPageWidth - left, 60, 0.4);
    pdf.text(left, 46, 8, "Dữ liệu mẫu cho phép đo của kiosk — không có giá trị pháp lý.");
  }
  return pdf.bytes("Hồ sơ địa chính");
}

struct FirstPage {
  double ms = 0;
  int width = 0;
  int height = 0;
};

FirstPage open_and_render_first(kiosk::app::PageRenderer& renderer, const std::vector<std::uint8_t>& pdf) {
  using kiosk::app::DocumentLayout;
  const auto start = Clock::now();
  renderer.open(pdf);
  DocumentLayout layout;
  // The UI asks every frame; here the loop asks as soon as it can.
  while ((layout = renderer.layout()).state == DocumentLayout::State::Opening) {
    std::this_thread::yield();
  }
  if (layout.state != DocumentLayout::State::Ready || layout.pages.size() != kPages) {
    std::fprintf(stderr, "the document did not open\n");
    std::exit(1);
  }
  renderer.want({{0, kScreenWidth}});
  for (;;) {
    auto finished = renderer.take_finished();
    if (!finished.empty()) {
      return {ms_since(start), finished.front().width, finished.front().height};
    }
    std::this_thread::yield();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: preview_bench OUT_DIR [FONT]\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const std::string font_path = argc > 2 ? argv[2] : "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  std::ifstream font_file(font_path, std::ios::binary);
  const std::vector<std::uint8_t> font_bytes((std::istreambuf_iterator<char>(font_file)), {});
  const kiosk::sandbox::TrueTypeFont font(font_bytes);
  const std::vector<std::uint8_t> pdf = twenty_pages(font);
  const auto pdf_file = out / "vault-20-pages.pdf";
  std::ofstream(pdf_file, std::ios::binary)
      .write(reinterpret_cast<const char*>(pdf.data()), static_cast<std::streamsize>(pdf.size()));
  const long rss_before = peak_rss_kib();

  kiosk::app::PageRenderer renderer;
  std::vector<double> first_ms;
  FirstPage first;
  for (int run = 0; run < kRuns; ++run) {
    first = open_and_render_first(renderer, pdf);
    first_ms.push_back(first.ms);
  }
  // Then the rest, lazily, as a citizen scrolls: one page after another.
  std::vector<double> next_ms;
  for (int page = 1; page < kPages; ++page) {
    const auto start = Clock::now();
    renderer.want({{page, kScreenWidth}});
    while (renderer.take_finished().empty()) {
      std::this_thread::yield();
    }
    next_ms.push_back(ms_since(start));
  }
  renderer.close();
  const long rss_after = peak_rss_kib();

  const int dpi = static_cast<int>(72.0 * kScreenWidth / kiosk::sandbox::TextPdf::kPageWidth + 0.5);
  const double first_median = median(first_ms);
  std::printf("20-page vault PDF, %zu KiB; first page %dx%d px (%d dpi), %d runs\n", pdf.size() / 1024,
              first.width, first.height, dpi, kRuns);
  std::printf("open + first page rendered, median: %7.1f ms   max %7.1f ms   = %.2f x the 200 ms target\n",
              first_median, *std::max_element(first_ms.begin(), first_ms.end()), first_median / 200.0);
  std::printf("each further page, lazily, median:  %7.1f ms   max %7.1f ms\n", median(next_ms),
              *std::max_element(next_ms.begin(), next_ms.end()));
  std::printf("peak RSS: %ld MiB, %+ld MiB while previewing\n", rss_after / 1024,
              (rss_after - rss_before) / 1024);
  // For the script's comparison with pdftoppm on the same file.
  std::printf("reference dpi=%d first_ms=%.1f rss_kib=%ld file=%s\n", dpi, first_median, rss_after,
              pdf_file.c_str());
  return 0;
}
