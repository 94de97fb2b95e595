#include "sandbox/generator/text_pdf.hpp"

#include "drivers/pdf/text_string.hpp"
#include "kiosk/core/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace kiosk::sandbox {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string pdf_string(std::string_view ascii) {
  std::string out = "(";
  for (const char c : ascii) {
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + ")";
}

}  // namespace

void TextPdf::new_page() {
  pages_.emplace_back();
}

std::string TextPdf::glyph_hex(std::string_view utf8) {
  std::string hex = "<";
  char buf[8];
  for (const char32_t c : decode_utf8(utf8)) {
    const std::uint16_t g = font_.glyph_for(c);
    if (used_.insert(g).second && g != 0) {
      to_unicode_.emplace_back(g, c);
    }
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(g));
    hex += buf;
  }
  return hex + ">";
}

double TextPdf::width_of(double size, std::string_view utf8) const {
  long total = 0;
  for (const char32_t c : decode_utf8(utf8)) {
    total += font_.advance_1000(font_.glyph_for(c));
  }
  return static_cast<double>(total) * size / 1000.0;
}

void TextPdf::text(double x, double y, double size, std::string_view utf8) {
  if (pages_.empty()) {
    new_page();
  }
  pages_.back() +=
      "BT /F1 " + number(size) + " Tf " + number(x) + " " + number(y) + " Td " + glyph_hex(utf8) + " Tj ET\n";
}

void TextPdf::centered(double y, double size, std::string_view utf8) {
  text((kPageWidth - width_of(size, utf8)) / 2, y, size, utf8);
}

double TextPdf::wrapped(double x, double y, double width, double size, std::string_view utf8) {
  std::string line;
  std::size_t pos = 0;
  const double leading = size * 1.4;
  while (pos <= utf8.size()) {
    const std::size_t space = utf8.find(' ', pos);
    const std::string_view word =
        utf8.substr(pos, space == std::string_view::npos ? std::string_view::npos : space - pos);
    const std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && width_of(size, candidate) > width) {
      text(x, y, size, line);
      y -= leading;
      line = std::string(word);
    } else {
      line = candidate;
    }
    if (space == std::string_view::npos) {
      break;
    }
    pos = space + 1;
  }
  if (!line.empty()) {
    text(x, y, size, line);
    y -= leading;
  }
  return y;
}

void TextPdf::rule(double x1, double y1, double x2, double y2, double width) {
  if (pages_.empty()) {
    new_page();
  }
  pages_.back() += number(width) + " w " + number(x1) + " " + number(y1) + " m " + number(x2) + " " +
                   number(y2) + " l S\n";
}

std::vector<std::uint8_t> TextPdf::bytes(std::string_view title) const {
  // Object numbers: 1 catalog, 2 pages, 3 Type0 font, 4 CIDFont, 5 descriptor,
  // 6 font file, 7 ToUnicode, 8 info, then a page and its content per page.
  std::vector<std::string> objects(8);
  const std::size_t first_page = 9;
  std::string kids;
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    kids += std::to_string(first_page + 2 * i) + " 0 R ";
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages_.size()) + " >>";
  objects[2] =
      "<< /Type /Font /Subtype /Type0 /BaseFont /KioskDemoSans /Encoding /Identity-H "
      "/DescendantFonts [4 0 R] /ToUnicode 7 0 R >>";
  std::string widths;
  for (const std::uint16_t g : used_) {
    widths += std::to_string(g) + " [" + std::to_string(font_.advance_1000(g)) + "] ";
  }
  objects[3] =
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KioskDemoSans "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
      "/FontDescriptor 5 0 R /CIDToGIDMap /Identity /DW 600 /W [" +
      widths + "] >>";
  const auto bbox = font_.bbox_1000();
  objects[4] = "<< /Type /FontDescriptor /FontName /KioskDemoSans /Flags 32 /FontBBox [" +
               std::to_string(bbox[0]) + " " + std::to_string(bbox[1]) + " " + std::to_string(bbox[2]) + " " +
               std::to_string(bbox[3]) + "] /ItalicAngle 0 /Ascent " + std::to_string(font_.ascent_1000()) +
               " /Descent " + std::to_string(font_.descent_1000()) + " /CapHeight " +
               std::to_string(font_.ascent_1000()) + " /StemV 80 /FontFile2 6 0 R >>";
  const auto& file = font_.file();
  objects[5] = "<< /Length " + std::to_string(file.size()) + " /Length1 " + std::to_string(file.size()) +
               " >>\nstream\n" + std::string(file.begin(), file.end()) + "\nendstream";
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  char buf[64];
  for (std::size_t i = 0; i < to_unicode_.size(); i += 100) {
    const std::size_t n = std::min<std::size_t>(100, to_unicode_.size() - i);
    cmap += std::to_string(n) + " beginbfchar\n";
    for (std::size_t k = i; k < i + n; ++k) {
      std::snprintf(buf, sizeof buf, "<%04X> <%04X>\n", static_cast<unsigned>(to_unicode_[k].first),
                    static_cast<unsigned>(to_unicode_[k].second));
      cmap += buf;
    }
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
  objects[6] = "<< /Length " + std::to_string(cmap.size()) + " >>\nstream\n" + cmap + "\nendstream";
  objects[7] = "<< /Title " + pdf::pdf_text_string(title) + " /Producer " +
               pdf_string("kiosk-sandbox demo data") + " /Creator " + pdf_string("kiosk-sandbox") + " >>";
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(kPageWidth) + " " +
                      number(kPageHeight) + "] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(first_page + 2 * i + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(pages_[i].size()) + " >>\nstream\n" + pages_[i] +
                      "\nendstream");
  }

  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t off : offsets) {
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 8 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return {out.begin(), out.end()};
}

}  // namespace kiosk::sandbox
