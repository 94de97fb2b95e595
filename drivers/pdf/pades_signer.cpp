#include "drivers/pdf/pades_signer.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

#include "drivers/pdf/cms_signature.hpp"
#include "drivers/pdf/font_raster.hpp"
#include "drivers/pdf/pdf_revision.hpp"
#include "drivers/pdf/pdf_writer_util.hpp"
#include "drivers/pdf/text_string.hpp"

namespace kiosk::pdf {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kRasterDpi = 300.0;
constexpr double kFontPoints = 8.5;
constexpr double kMarginMm = 8.0;

std::string pdf_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[64];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d+00'00'", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return buf;
}

struct Stamp {
  int width_px = 0;
  int height_px = 0;
  std::vector<std::uint8_t> mask;  // 1 bit per pixel, 0 = ink, rows padded to bytes
};

PdfResult<Stamp> render_stamp(const SignatureAppearance& appearance, double max_width_pt) {
  auto font = appearance.font_path.empty() ? Font::load_default() : Font::load(appearance.font_path);
  if (!font) {
    return font.error();
  }
  double points = kFontPoints;
  const std::vector<std::string>& lines = appearance.lines;
  int text_width = 0;
  float pixels = 0;
  int padding = 0;
  for (;;) {
    pixels = static_cast<float>(points * kRasterDpi / 72.0);
    padding = static_cast<int>(pixels * 0.4f);
    text_width = 0;
    for (const auto& line : lines) {
      text_width = std::max(text_width, font->text_width(line, pixels));
    }
    const double width_pt = (text_width + 2 * padding) * 72.0 / kRasterDpi;
    if (width_pt <= max_width_pt || points < 4) {
      break;
    }
    points *= max_width_pt / width_pt * 0.98;
  }
  const int line_height = font->line_height(pixels);
  Coverage canvas(std::max(1, text_width + 2 * padding),
                  std::max(1, static_cast<int>(lines.size()) * line_height + 2 * padding));
  int baseline = padding + font->ascent(pixels);
  for (const auto& line : lines) {
    font->draw(canvas, padding, baseline, line, pixels);
    baseline += line_height;
  }
  Stamp stamp;
  stamp.width_px = canvas.width;
  stamp.height_px = canvas.height;
  const int row_bytes = (canvas.width + 7) / 8;
  stamp.mask.assign(static_cast<std::size_t>(row_bytes) * canvas.height, 0xff);
  for (int y = 0; y < canvas.height; ++y) {
    for (int x = 0; x < canvas.width; ++x) {
      if (canvas.at(x, y) >= 112) {
        stamp.mask[static_cast<std::size_t>(y) * row_bytes + x / 8] &=
            static_cast<std::uint8_t>(~(0x80 >> (x % 8)));
      }
    }
  }
  return stamp;
}

}  // namespace

SignatureAppearance digitized_by_appearance(std::string_view device_name, std::string_view staff_name,
                                            std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when + std::chrono::hours(7));
  std::tm local{};
  gmtime_r(&t, &local);
  char stamp[96];
  std::snprintf(stamp, sizeof stamp, "%02d/%02d/%04d %02d:%02d:%02d (GMT+7)", local.tm_mday, local.tm_mon + 1,
                local.tm_year + 1900, local.tm_hour, local.tm_min, local.tm_sec);
  SignatureAppearance appearance;
  appearance.lines.push_back("Bản điện tử được số hóa từ bản giấy");
  appearance.lines.push_back("Số hóa bởi: " + std::string(device_name));
  if (!staff_name.empty()) {
    appearance.lines.push_back("Cán bộ hỗ trợ: " + std::string(staff_name));
  }
  appearance.lines.push_back(std::string("Thời gian: ") + stamp);
  appearance.reason = "Số hóa giấy tờ";
  return appearance;
}

PdfResult<std::vector<std::uint8_t>> sign_pdf(std::span<const std::uint8_t> pdf, const SignerIdentity& signer,
                                              const SignatureAppearance& appearance,
                                              std::chrono::system_clock::time_point signing_time) {
  auto revision_result = read_last_revision(pdf.data(), pdf.size());
  if (!revision_result) {
    return revision_result.error();
  }
  PdfRevision& revision = revision_result.value();
  const auto& box = revision.media_box;
  const double margin = kMarginMm * kPointsPerMm;
  const double page_width = box[2] - box[0];
  auto stamp = render_stamp(appearance, std::max(36.0, page_width - 2 * margin));
  if (!stamp) {
    return stamp.error();
  }
  const double width = stamp->width_px * 72.0 / kRasterDpi;
  const double height = stamp->height_px * 72.0 / kRasterDpi;
  const double left = box[0] + std::min(margin, std::max(0.0, (page_width - width) / 2));
  const double top = box[3] - std::min(margin, std::max(0.0, (box[3] - box[1] - height) / 2));

  const int sig_id = revision.next_object_id;
  const int widget_id = sig_id + 1;
  const int form_id = sig_id + 2;
  const int image_id = sig_id + 3;

  PdfObjectWriter out(std::move(revision.base));
  std::map<int, std::pair<std::size_t, int>> written;  // id -> offset, generation
  const std::size_t reserved = cades_size_bound(signer);

  written[sig_id] = {out.offset(), 0};
  std::string sig = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n/M (" +
                    pdf_date(signing_time) + ")\n";
  if (!appearance.reason.empty()) {
    sig += "/Reason " + pdf_text_string(appearance.reason) + "\n";
  }
  out.append(std::to_string(sig_id) + " 0 obj\n" + sig + "/ByteRange [");
  const std::size_t byte_range_at = out.offset();
  out.append(std::string(kByteRangeWidth, ' ') + "]\n/Contents ");
  const std::size_t contents_at = out.offset();
  out.append("<" + std::string(reserved * 2, '0') + ">");
  const std::size_t contents_end = out.offset();
  out.append("\n>>\nendobj\n");

  written[widget_id] = {out.offset(), 0};
  char rect[160];
  std::snprintf(rect, sizeof rect, "[%.2f %.2f %.2f %.2f]", left, top - height, left + width, top);
  out.append(std::to_string(widget_id) +
             " 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /F 132\n/T (Signature" +
             std::to_string(revision.signature_field_count + 1) + ")\n/V " + std::to_string(sig_id) +
             " 0 R\n/Rect " + rect + "\n/P " + std::to_string(revision.first_page.id) + " " +
             std::to_string(revision.first_page.generation) + " R\n/AP << /N " + std::to_string(form_id) +
             " 0 R >>\n>>\nendobj\n");

  char ops[512];
  std::snprintf(ops, sizeof ops,
                "q 1 1 1 rg 0 0 %.2f %.2f re f Q\n"
                "q 0.10 0.23 0.55 RG 0.8 w 0.4 0.4 %.2f %.2f re S Q\n"
                "q 0.05 0.12 0.40 rg %.2f 0 0 %.2f 0 0 cm /Stamp Do Q\n",
                width, height, width - 0.8, height - 0.8, width, height);
  char bbox[96];
  std::snprintf(bbox, sizeof bbox, "[0 0 %.2f %.2f]", width, height);
  written[form_id] = {out.offset(), 0};
  out.append_stream(form_id,
                    std::string("/Type /XObject /Subtype /Form /BBox ") + bbox +
                        " /Resources << /XObject << /Stamp " + std::to_string(image_id) + " 0 R >> >>",
                    reinterpret_cast<const std::uint8_t*>(ops), std::char_traits<char>::length(ops), true);

  written[image_id] = {out.offset(), 0};
  out.append_stream(image_id,
                    "/Type /XObject /Subtype /Image /ImageMask true /BitsPerComponent 1 /Width " +
                        std::to_string(stamp->width_px) + " /Height " + std::to_string(stamp->height_px),
                    stamp->mask.data(), stamp->mask.size(), true);

  const ObjectRef page = revision.first_page;
  written[page.id] = {out.offset(), page.generation};
  out.append(std::to_string(page.id) + " " + std::to_string(page.generation) + " obj\n<<\n" +
             revision.page_entries + "/Annots [" + revision.page_annots + std::to_string(widget_id) +
             " 0 R]\n>>\nendobj\n");

  const ObjectRef catalog = revision.catalog;
  written[catalog.id] = {out.offset(), catalog.generation};
  out.append(std::to_string(catalog.id) + " " + std::to_string(catalog.generation) + " obj\n<<\n" +
             revision.catalog_entries + "/AcroForm << " + revision.acroform_entries + "/Fields [" +
             revision.acroform_fields + std::to_string(widget_id) + " 0 R] /SigFlags 3 >>\n>>\nendobj\n");

  const std::string trailer = "/Root " + std::to_string(catalog.id) + " " +
                              std::to_string(catalog.generation) + " R\n/Prev " +
                              std::to_string(revision.previous_xref) + "\n" + revision.trailer_entries;
  out.append_xref(written, image_id + 1, trailer, revision.xref_stream);

  std::vector<std::uint8_t> bytes = std::move(out).take();
  const std::size_t total = bytes.size();
  char range[kByteRangeWidth + 1];
  const int n =
      std::snprintf(range, sizeof range, "0 %zu %zu %zu", contents_at, contents_end, total - contents_end);
  if (n < 0 || static_cast<std::size_t>(n) > kByteRangeWidth) {
    return PdfError{PdfErrorCode::SigningFailed, "document too large for the byte range"};
  }
  std::copy(range, range + n, bytes.begin() + static_cast<std::ptrdiff_t>(byte_range_at));

  std::vector<std::uint8_t> covered;
  covered.reserve(total - (contents_end - contents_at));
  covered.insert(covered.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(contents_at));
  covered.insert(covered.end(), bytes.begin() + static_cast<std::ptrdiff_t>(contents_end), bytes.end());
  auto cms = sign_cades_detached(signer, covered);
  if (!cms) {
    return cms.error();
  }
  if (cms->size() > reserved) {
    return PdfError{PdfErrorCode::SignatureTooLarge, "CMS larger than reserved"};
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t at = contents_at + 1;
  for (std::uint8_t b : *cms) {
    bytes[at++] = static_cast<std::uint8_t>(kHex[b >> 4]);
    bytes[at++] = static_cast<std::uint8_t>(kHex[b & 0xf]);
  }
  return bytes;
}

}  // namespace kiosk::pdf
