#pragma once

#include "drivers/pdf/image_pdf.hpp"
#include "drivers/pdf/raster.hpp"

namespace kiosk::scanner {

struct CleanupOptions {
  bool deskew = true;
  double max_skew_degrees = 6;
  bool remove_borders = true;
  // A page is blank when less than this share of it (margins excluded) is ink.
  double blank_ink_ratio = 0.0015;
};

struct CleanedPage {
  pdf::Raster image;  // grey or RGB; pure 0/255 grey for black-and-white
  pdf::ColourMode mode = pdf::ColourMode::Colour;
  double skew_degrees = 0;  // what was corrected
  bool blank = false;
};

// Dark bands along the edges (scanner lid, feeder background, shadow of a
// thick book) are cut off; a band is a row or column at least 80 % dark.
pdf::Raster remove_borders(const pdf::Raster& image);

// Skew angle of the text lines in degrees (counter-clockwise positive), found
// by maximising the sharpness of the ink's horizontal projection.
double estimate_skew(const pdf::Raster& grey, double max_degrees);

bool is_blank(const pdf::Raster& grey, double ink_ratio);

// Colour when a noticeable share of the page is coloured; black-and-white
// when almost nothing is mid-grey (text, forms, stamps in black); grey
// otherwise (photos, faint pencil).
pdf::ColourMode choose_mode(const pdf::Raster& image);

// Borders, skew, blankness and storage mode of one page, in that order.
CleanedPage clean_page(const pdf::Raster& image, const CleanupOptions& options = {});

}  // namespace kiosk::scanner
