#pragma once

#include <cstdint>
#include <vector>

#include "drivers/printer/bitmap.hpp"

namespace kiosk::printer::escpos {

using Bytes = std::vector<std::uint8_t>;

constexpr int kBandRows = 128;  // rows per GS v 0 command: fits small printer buffers

Bytes initialise();                                                // ESC @
Bytes raster_band(const Bitmap& bitmap, int first_row, int rows);  // GS v 0, normal density
Bytes feed_and_cut(int lines);                                     // ESC d n, GS V 66 0

// DLE EOT n real-time status requests and what their one-byte answers mean.
enum class StatusKind : std::uint8_t { Printer = 1, OfflineCause = 2, PaperSensor = 4 };
Bytes status_request(StatusKind kind);

// A valid status byte has bit 1 set, bit 4 set and bit 7 clear.
bool valid_status(std::uint8_t reply);
bool offline(std::uint8_t printer_status);       // DLE EOT 1, bit 3
bool cover_open(std::uint8_t offline_cause);     // DLE EOT 2, bit 2
bool paper_out(std::uint8_t paper_sensor);       // DLE EOT 4, bits 5-6
bool paper_near_end(std::uint8_t paper_sensor);  // DLE EOT 4, bits 2-3

}  // namespace kiosk::printer::escpos
