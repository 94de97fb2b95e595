#include "drivers/pdf/image_pdf.hpp"

#include <openssl/evp.h>
#include <turbojpeg.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "drivers/pdf/ccitt_g4.hpp"
#include "drivers/pdf/pdf_writer_util.hpp"
#include "drivers/pdf/text_string.hpp"

namespace kiosk::pdf {
namespace {

struct TurboJpegFree {
  void operator()(void* handle) const { tjDestroy(handle); }
};

PdfResult<std::vector<std::uint8_t>> encode_jpeg(const Raster& image, int quality) {
  std::unique_ptr<void, TurboJpegFree> tj(tjInitCompress());
  if (!tj) {
    return PdfError{PdfErrorCode::InvalidImage, "turbojpeg unavailable"};
  }
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  const bool grey = image.channels == 1;
  if (tjCompress2(tj.get(), image.pixels.data(), image.width, 0, image.height, grey ? TJPF_GRAY : TJPF_RGB,
                  &jpeg, &size, grey ? TJSAMP_GRAY : TJSAMP_420, quality, TJFLAG_ACCURATEDCT) != 0) {
    tjFree(jpeg);
    return PdfError{PdfErrorCode::InvalidImage, tjGetErrorStr2(tj.get())};
  }
  std::vector<std::uint8_t> out(jpeg, jpeg + size);
  tjFree(jpeg);
  return out;
}

Raster to_grey(const Raster& image) {
  if (image.channels == 1) {
    return image;
  }
  Raster grey(image.width, image.height, 1);
  const std::size_t n = static_cast<std::size_t>(image.width) * image.height;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = &image.pixels[i * 3];
    grey.pixels[i] = static_cast<std::uint8_t>((77 * p[0] + 150 * p[1] + 29 * p[2]) >> 8);
  }
  return grey;
}

// Printed forms, stamps on white and test charts compress better losslessly
// than as JPEG, photos the other way round. Both codings of an eighth of the
// page (row bands spread over it) decide, so only the winner codes the page.
bool lossless_is_smaller(const Raster& image, int jpeg_quality) {
  constexpr int kBands = 8;
  // Bands a multiple of 16 rows tall, so JPEG blocks do not straddle bands.
  const int band_rows = std::max(16, image.height / (kBands * 8) / 16 * 16);
  Raster sample(image.width, 0, image.channels);
  for (int b = 0; b < kBands; ++b) {
    const int first = b * image.height / kBands;
    const int rows = std::min(band_rows, image.height - first);
    if (rows <= 0) {
      continue;
    }
    sample.pixels.insert(sample.pixels.end(), image.row(first),
                         image.row(first) + image.stride() * static_cast<std::size_t>(rows));
    sample.height += rows;
  }
  if (sample.height == 0) {
    return false;
  }
  auto jpeg = encode_jpeg(sample, jpeg_quality);
  const auto flate = deflate_bytes(sample.pixels.data(), sample.pixels.size(), 6);
  return jpeg && !flate.empty() && flate.size() < jpeg->size();
}

std::string pdf_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[64];
  std::snprintf(buf, sizeof buf, "(D:%04d%02d%02d%02d%02d%02d+00'00')", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return buf;
}

std::string document_id(const std::vector<std::uint8_t>& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex = "<";
  for (unsigned int i = 0; i < 16 && i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex + ">";
}

struct EncodedImage {
  std::string dict;
  std::vector<std::uint8_t> data;
};

PdfResult<EncodedImage> encode_page_image(const ScannedPage& page, int jpeg_quality) {
  const Raster& image = page.image;
  const std::string head = "/Type /XObject /Subtype /Image /Width " + std::to_string(image.width) +
                           " /Height " + std::to_string(image.height);
  if (page.mode == ColourMode::BlackWhite) {
    const Raster grey = to_grey(image);
    return EncodedImage{
        head +
            " /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms "
            "<< /K -1 /Columns " +
            std::to_string(image.width) + " /Rows " + std::to_string(image.height) + " >>",
        encode_ccitt_g4(grey.pixels.data(), grey.width, grey.height, grey.width)};
  }
  const bool grey = page.mode == ColourMode::Grey || image.channels == 1;
  const Raster source = grey ? to_grey(image) : image;
  const std::string colour =
      head + (grey ? " /ColorSpace /DeviceGray" : " /ColorSpace /DeviceRGB") + " /BitsPerComponent 8";
  if (lossless_is_smaller(source, jpeg_quality)) {
    auto lossless = deflate_bytes(source.pixels.data(), source.pixels.size(), 6);
    if (!lossless.empty()) {
      return EncodedImage{colour + " /Filter /FlateDecode", std::move(lossless)};
    }
  }
  auto jpeg = encode_jpeg(source, jpeg_quality);
  if (!jpeg) {
    return jpeg.error();
  }
  return EncodedImage{colour + " /Filter /DCTDecode", std::move(jpeg.value())};
}

}  // namespace

PdfResult<std::vector<std::uint8_t>> build_image_pdf(const std::vector<ScannedPage>& pages,
                                                     const DocumentInfo& info,
                                                     const ImagePdfOptions& options) {
  if (pages.empty()) {
    return PdfError{PdfErrorCode::InvalidImage, "no pages"};
  }
  PdfObjectWriter out;
  out.append("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  std::map<int, std::pair<std::size_t, int>> objects;
  const int page_count = static_cast<int>(pages.size());
  // 1 catalog, 2 page tree, 3 info, then per page: page, content, image.
  auto page_id = [](int i) { return 4 + 3 * i; };
  std::string kids;
  for (int i = 0; i < page_count; ++i) {
    kids += std::to_string(page_id(i)) + " 0 R ";
  }
  objects[1] = {out.offset(), 0};
  out.append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  objects[2] = {out.offset(), 0};
  out.append("2 0 obj\n<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_count) +
             " >>\nendobj\n");
  objects[3] = {out.offset(), 0};
  const std::string date = pdf_date(info.created);
  out.append("3 0 obj\n<< /Title " + pdf_text_string(info.title) + " /Producer " +
             pdf_text_string(info.producer) + " /CreationDate " + date + " /ModDate " + date +
             " >>\nendobj\n");

  for (int i = 0; i < page_count; ++i) {
    const ScannedPage& page = pages[static_cast<std::size_t>(i)];
    const Raster& image = page.image;
    if (image.empty() || (image.channels != 1 && image.channels != 3) ||
        image.pixels.size() != image.stride() * static_cast<std::size_t>(image.height) || page.dpi < 10 ||
        page.dpi > 4800) {
      return PdfError{PdfErrorCode::InvalidImage,
                      "page " + std::to_string(i + 1) + " has an impossible raster"};
    }
  }
  // Encoding is the expensive part: pages are encoded in parallel, written in order.
  std::vector<std::optional<PdfResult<EncodedImage>>> encoded(pages.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < pages.size(); i = next++) {
      encoded[i] = encode_page_image(pages[i], options.jpeg_quality);
    }
  };
  const unsigned workers = std::clamp<unsigned>(std::thread::hardware_concurrency(), 1, 4);
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers && t < pages.size(); ++t) {
    threads.emplace_back(work);
  }
  work();
  for (auto& thread : threads) {
    thread.join();
  }

  for (int i = 0; i < page_count; ++i) {
    const ScannedPage& page = pages[static_cast<std::size_t>(i)];
    const Raster& image = page.image;
    const double width_pt = image.width * 72.0 / page.dpi;
    const double height_pt = image.height * 72.0 / page.dpi;
    const int id = page_id(i);
    char box[128];
    std::snprintf(box, sizeof box, "[0 0 %.3f %.3f]", width_pt, height_pt);
    objects[id] = {out.offset(), 0};
    out.append(std::to_string(id) + " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox " + box + " /Contents " +
               std::to_string(id + 1) + " 0 R /Resources << /XObject << /Im0 " + std::to_string(id + 2) +
               " 0 R >> >> >>\nendobj\n");
    char ops[128];
    std::snprintf(ops, sizeof ops, "q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q\n", width_pt, height_pt);
    objects[id + 1] = {out.offset(), 0};
    out.append_stream(id + 1, "", reinterpret_cast<const std::uint8_t*>(ops),
                      std::char_traits<char>::length(ops), false);
    auto& result = *encoded[static_cast<std::size_t>(i)];
    if (!result) {
      return result.error();
    }
    objects[id + 2] = {out.offset(), 0};
    out.append_stream(id + 2, result->dict, result->data.data(), result->data.size(), false);
  }
  std::vector<std::uint8_t> body = std::move(out).take();
  const std::string id = document_id(body);
  PdfObjectWriter tail(std::move(body));
  tail.append_xref(objects, page_id(page_count), "/Root 1 0 R\n/Info 3 0 R\n/ID [" + id + " " + id + "]\n",
                   false, true);
  return std::move(tail).take();
}

}  // namespace kiosk::pdf
