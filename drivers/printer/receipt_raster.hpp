#pragma once

#include "drivers/printer/bitmap.hpp"
#include "drivers/printer/receipt.hpp"
#include "kiosk/core/result.hpp"

namespace kiosk::printer {

// Lays the receipt out in Vietnamese (Noto Sans, else DejaVu Sans, rendered
// by us: printer code pages do not cover Vietnamese) with its QR code, as one
// raster the width of the paper.
Result<Bitmap> render_receipt(const Receipt& receipt, PaperWidth width);

}  // namespace kiosk::printer
