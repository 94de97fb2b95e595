#pragma once

// From paper to the signed PDF of one dossier component:
//
//   auto source = open_page_source("sane:genesys:libusb:001:004");
//   auto raw = (*source)->acquire(settings);             // device
//   auto pages = clean_pages(*raw, {});                  // citizen reviews, reorders, deletes
//   auto pdf = make_component_pdf(pages, info, &signer, appearance, now);

#include <chrono>
#include <cstdint>
#include <vector>

#include "drivers/pdf/image_pdf.hpp"
#include "drivers/pdf/pades_signer.hpp"
#include "drivers/scanner/page_cleanup.hpp"
#include "drivers/scanner/page_source.hpp"
#include "kiosk/core/result.hpp"

namespace kiosk::scanner {

struct CleanedPages {
  std::vector<pdf::ScannedPage> pages;
  int blank_backs_skipped = 0;
};

// Cleans every page (in parallel); blank back sides of a duplex scan are
// dropped, blank front sides kept for the citizen to delete or keep.
CleanedPages clean_pages(const std::vector<RawPage>& raw, const CleanupOptions& options);

// A small RGB picture of a cleaned page for the review screen (the longer
// side `max_side` pixels), black-and-white pages shown as they will be stored.
pdf::Raster page_preview(const pdf::ScannedPage& page, int max_side);

// Builds the component PDF and, with a signer, signs it (DOMAIN rule 5).
Result<std::vector<std::uint8_t>> make_component_pdf(const std::vector<pdf::ScannedPage>& pages,
                                                     const pdf::DocumentInfo& info,
                                                     const pdf::SignerIdentity* signer,
                                                     const pdf::SignatureAppearance& appearance,
                                                     std::chrono::system_clock::time_point now);

}  // namespace kiosk::scanner
