#pragma once

#include <array>
#include <optional>

#include "drivers/pdf/raster.hpp"

namespace kiosk::scanner {

struct Point {
  double x = 0;
  double y = 0;
};

// Corners of a sheet in a photo: top-left, top-right, bottom-right, bottom-left.
using Quad = std::array<Point, 4>;

// Luminance of a grey or RGB raster (BT.601, integer).
pdf::Raster to_grey(const pdf::Raster& image);

// Box-filtered copy `factor` times smaller in each direction.
pdf::Raster downscale(const pdf::Raster& grey, int factor);

// Rotates about the centre by `degrees` (counter-clockwise), same size,
// bilinear, uncovered corners filled white.
pdf::Raster rotate(const pdf::Raster& image, double degrees);

// The sheet in a document-camera picture: the largest region brighter than
// the background (Otsu threshold), its corners taken as the extreme points
// along the diagonals. Nothing when no region covers a tenth of the picture.
std::optional<Quad> find_sheet(const pdf::Raster& image);

// Maps `quad` onto an upright `width` x `height` raster (perspective
// correction, bilinear).
pdf::Raster warp_quad(const pdf::Raster& image, const Quad& quad, int width, int height);

// Otsu's threshold of a grey raster's histogram.
int otsu_threshold(const pdf::Raster& grey);

}  // namespace kiosk::scanner
