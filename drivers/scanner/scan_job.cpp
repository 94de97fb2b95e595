#include "drivers/scanner/scan_job.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace kiosk::scanner {

CleanedPages clean_pages(const std::vector<RawPage>& raw, const CleanupOptions& options) {
  std::vector<CleanedPage> cleaned(raw.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < raw.size(); i = next++) {
      cleaned[i] = clean_page(raw[i].image, options);
    }
  };
  const unsigned workers = std::clamp<unsigned>(std::thread::hardware_concurrency(), 1, 4);
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers && t < raw.size(); ++t) {
    threads.emplace_back(work);
  }
  work();
  for (auto& thread : threads) {
    thread.join();
  }
  CleanedPages result;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (cleaned[i].blank && raw[i].back_side) {
      ++result.blank_backs_skipped;
      continue;
    }
    result.pages.push_back(pdf::ScannedPage{std::move(cleaned[i].image), raw[i].dpi, cleaned[i].mode});
  }
  return result;
}

pdf::Raster page_preview(const pdf::ScannedPage& page, int max_side) {
  const pdf::Raster& image = page.image;
  const int longest = std::max(image.width, image.height);
  if (image.empty() || max_side <= 0) {
    return {};
  }
  const double scale = std::min(1.0, static_cast<double>(max_side) / longest);
  const int w = std::max(1, static_cast<int>(image.width * scale));
  const int h = std::max(1, static_cast<int>(image.height * scale));
  pdf::Raster preview(w, h, 3);
  const int c = image.channels;
  // Each preview pixel averages the block of page pixels it covers.
  for (int y = 0; y < h; ++y) {
    const int y0 = y * image.height / h;
    const int y1 = std::max(y0 + 1, (y + 1) * image.height / h);
    for (int x = 0; x < w; ++x) {
      const int x0 = x * image.width / w;
      const int x1 = std::max(x0 + 1, (x + 1) * image.width / w);
      int sum[3] = {0, 0, 0};
      for (int sy = y0; sy < y1; ++sy) {
        const std::uint8_t* row = image.row(sy);
        for (int sx = x0; sx < x1; ++sx) {
          for (int k = 0; k < 3; ++k) {
            sum[k] += row[sx * c + (c == 3 ? k : 0)];
          }
        }
      }
      const int n = (y1 - y0) * (x1 - x0);
      for (int k = 0; k < 3; ++k) {
        preview.row(y)[x * 3 + k] = static_cast<std::uint8_t>(sum[k] / n);
      }
    }
  }
  return preview;
}

Result<std::vector<std::uint8_t>> make_component_pdf(const std::vector<pdf::ScannedPage>& pages,
                                                     const pdf::DocumentInfo& info,
                                                     const pdf::SignerIdentity* signer,
                                                     const pdf::SignatureAppearance& appearance,
                                                     std::chrono::system_clock::time_point now) {
  auto document = pdf::build_image_pdf(pages, info);
  if (!document) {
    return Error{ErrorCode::InvalidInput,
                 std::string(pdf::pdf_error_name(document.error().code)) + ": " + document.error().detail};
  }
  if (signer == nullptr) {
    return std::move(document.value());
  }
  auto signed_pdf = pdf::sign_pdf(*document, *signer, appearance, now);
  if (!signed_pdf) {
    return Error{ErrorCode::Internal, std::string(pdf::pdf_error_name(signed_pdf.error().code)) + ": " +
                                          signed_pdf.error().detail};
  }
  return std::move(signed_pdf.value());
}

}  // namespace kiosk::scanner
