#include "drivers/printer/escpos.hpp"

#include <algorithm>

namespace kiosk::printer::escpos {

Bytes initialise() {
  return {0x1b, 0x40};
}

Bytes raster_band(const Bitmap& bitmap, int first_row, int rows) {
  rows = std::clamp(rows, 0, bitmap.height - first_row);
  const int row_bytes = bitmap.row_bytes();
  const auto band = static_cast<std::ptrdiff_t>(rows) * row_bytes;
  // GS v 0: raster bit image, normal density, then its size in bytes and rows.
  const Bytes header{0x1d,
                     0x76,
                     0x30,
                     0x00,
                     static_cast<std::uint8_t>(row_bytes & 0xff),
                     static_cast<std::uint8_t>(row_bytes >> 8),
                     static_cast<std::uint8_t>(rows & 0xff),
                     static_cast<std::uint8_t>(rows >> 8)};
  Bytes out(header.size() + static_cast<std::size_t>(band));
  std::copy(header.begin(), header.end(), out.begin());
  const auto begin = bitmap.bits.begin() + static_cast<std::ptrdiff_t>(first_row) * row_bytes;
  std::copy(begin, begin + band, out.begin() + static_cast<std::ptrdiff_t>(header.size()));
  return out;
}

Bytes feed_and_cut(int lines) {
  return {0x1b, 0x64, static_cast<std::uint8_t>(std::clamp(lines, 0, 255)), 0x1d, 0x56, 0x42, 0x00};
}

Bytes status_request(StatusKind kind) {
  return {0x10, 0x04, static_cast<std::uint8_t>(kind)};
}

bool valid_status(std::uint8_t reply) {
  return (reply & 0x93) == 0x12;
}
bool offline(std::uint8_t printer_status) {
  return (printer_status & 0x08) != 0;
}
bool cover_open(std::uint8_t offline_cause) {
  return (offline_cause & 0x04) != 0;
}
bool paper_out(std::uint8_t paper_sensor) {
  return (paper_sensor & 0x60) != 0;
}
bool paper_near_end(std::uint8_t paper_sensor) {
  return (paper_sensor & 0x0c) != 0;
}

}  // namespace kiosk::printer::escpos
