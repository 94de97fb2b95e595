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
