#include "drivers/printer/file_printer.hpp"

#include <stb/stb_image_write.h>

#include <chrono>
#include <fstream>

#include "drivers/pdf/image_pdf.hpp"
#include "drivers/printer/receipt_raster.hpp"

namespace kiosk::printer {
namespace {

pdf::Raster to_grey(const Bitmap& bitmap) {
  pdf::Raster grey(bitmap.width, bitmap.height, 1, 255);
  for (int y = 0; y < bitmap.height; ++y) {
    for (int x = 0; x < bitmap.width; ++x) {
      if (bitmap.black(x, y)) {
        grey.row(y)[x] = 0;
      }
    }
  }
  return grey;
}

}  // namespace

bool write_bitmap_png(const std::filesystem::path& path, const Bitmap& bitmap) {
  const pdf::Raster grey = to_grey(bitmap);
  return stbi_write_png(path.c_str(), grey.width, grey.height, 1, grey.pixels.data(), grey.width) != 0;
}

Result<std::vector<std::uint8_t>> bitmap_pdf(const Bitmap& bitmap, const std::string& title) {
  auto pdf =
      pdf::build_image_pdf({pdf::ScannedPage{to_grey(bitmap), kPrinterDpi, pdf::ColourMode::BlackWhite}},
                           {title, "Kiosk", std::chrono::system_clock::now()});
  if (!pdf) {
    return Error{ErrorCode::Internal, pdf.error().detail};
  }
  return std::move(pdf.value());
}

Status FileReceiptPrinter::print(const Receipt& receipt) {
  auto bitmap = render_receipt(receipt, paper_);
  if (!bitmap) {
    return bitmap.error();
  }
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  ++count_;
  const auto stem = dir_ / ("receipt-" + std::to_string(count_));
  const auto png = std::filesystem::path(stem.string() + ".png");
  const auto pdf_path = std::filesystem::path(stem.string() + ".pdf");
  if (!write_bitmap_png(png, *bitmap)) {
    return Error{ErrorCode::PrinterOffline, "cannot write " + png.filename().string()};
  }
  auto pdf = bitmap_pdf(*bitmap, "Phiếu tiếp nhận hồ sơ");
  if (!pdf) {
    return pdf.error();
  }
  std::ofstream out(pdf_path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(pdf->data()), static_cast<std::streamsize>(pdf->size()));
  if (!out) {
    return Error{ErrorCode::PrinterOffline, "cannot write " + pdf_path.filename().string()};
  }
  last_png_ = png;
  last_pdf_ = pdf_path;
  return Done{};
}

}  // namespace kiosk::printer
