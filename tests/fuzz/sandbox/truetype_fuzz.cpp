// The TrueType reader behind the demo PDFs, on arbitrary font files.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sandbox/generator/text_pdf.hpp"
#include "sandbox/generator/truetype_font.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::sandbox;
  try {
    const TrueTypeFont font(std::vector<std::uint8_t>(data, data + size));
    TextPdf pdf(font);
    pdf.wrapped(10, 800, 100, 12, "Đăng ký khai sinh — Giấy xác nhận tình trạng hôn nhân");
    pdf.bytes("x");
  } catch (const FontError&) {
  }
  return 0;
}
