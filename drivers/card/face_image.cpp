#include "drivers/card/face_image.hpp"

#include <openjpeg.h>
#include <turbojpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "drivers/card/card_error.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {
constexpr int kMaxSide = 4096;

[[noreturn]] void bad(const std::string& what) {
  throw CardError(ErrorCode::InvalidData, "DG2: " + what);
}

std::uint32_t be32(ByteView b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) |
         b[at + 3];
}
std::uint16_t be16(ByteView b, std::size_t at) {
  return static_cast<std::uint16_t>((b[at] << 8) | b[at + 1]);
}

void put32(Bytes& out, std::size_t v) {
  for (int s = 24; s >= 0; s -= 8)
    out.push_back(static_cast<std::uint8_t>((v >> s) & 0xFF));
}
void put16(Bytes& out, int v) {
  out.push_back(static_cast<std::uint8_t>((v >> 8) & 0xFF));
  out.push_back(static_cast<std::uint8_t>(v & 0xFF));
}

// Finds the biometric data block (5F2E or 7F2E) anywhere in the template.
std::optional<ByteView> find_biometric_data(ByteView content, int depth) {
  if (depth > 6)
    bad("nested too deeply");
  TlvReader reader(content);
  while (!reader.at_end()) {
    const Tlv t = reader.next();
    if (t.tag == 0x5F2E || t.tag == 0x7F2E)
      return t.value;
    if (t.constructed()) {
      if (auto found = find_biometric_data(t.value, depth + 1))
        return found;
    }
  }
  return std::nullopt;
}

FaceImage::Format sniff(ByteView image) {
  if (image.size() >= 3 && image[0] == 0xFF && image[1] == 0xD8 && image[2] == 0xFF)
    return FaceImage::Format::Jpeg;
  static const std::uint8_t kJp2[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
  static const std::uint8_t kJ2k[] = {0xFF, 0x4F, 0xFF, 0x51};
  if ((image.size() >= sizeof kJp2 && std::memcmp(image.data(), kJp2, sizeof kJp2) == 0) ||
      (image.size() >= sizeof kJ2k && std::memcmp(image.data(), kJ2k, sizeof kJ2k) == 0)) {
    return FaceImage::Format::Jpeg2000;
  }
  bad("image is neither JPEG nor JPEG 2000");
}

// OpenJPEG reads from memory only through a user stream.
struct MemoryStream {
  ByteView data;
  std::size_t pos = 0;
};

OPJ_SIZE_T stream_read(void* buffer, OPJ_SIZE_T size, void* user) {
  auto* s = static_cast<MemoryStream*>(user);
  if (s->pos >= s->data.size())
    return static_cast<OPJ_SIZE_T>(-1);
  const std::size_t n = std::min<std::size_t>(size, s->data.size() - s->pos);
  std::memcpy(buffer, s->data.data() + s->pos, n);
  s->pos += n;
  return n;
}
OPJ_OFF_T stream_skip(OPJ_OFF_T count, void* user) {
  auto* s = static_cast<MemoryStream*>(user);
  if (count < 0)
    return -1;
  const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(count), s->data.size() - s->pos);
  s->pos += n;
  return static_cast<OPJ_OFF_T>(n);
}
OPJ_BOOL stream_seek(OPJ_OFF_T offset, void* user) {
  auto* s = static_cast<MemoryStream*>(user);
  if (offset < 0 || static_cast<std::size_t>(offset) > s->data.size())
    return OPJ_FALSE;
  s->pos = static_cast<std::size_t>(offset);
  return OPJ_TRUE;
}
void quiet(const char*, void*) {}

// opj_codec_t and opj_stream_t are both void*: each gets its own deleter type.
struct CodecDeleter {
  void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
  void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
  void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

void decode_jpeg2000(FaceImage& face) {
  MemoryStream ms{face.encoded, 0};
  std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE));
  opj_stream_set_user_data(stream.get(), &ms, nullptr);
  opj_stream_set_user_data_length(stream.get(), face.encoded.size());
  opj_stream_set_read_function(stream.get(), stream_read);
  opj_stream_set_skip_function(stream.get(), stream_skip);
  opj_stream_set_seek_function(stream.get(), stream_seek);
  const bool jp2 = face.encoded.size() > 4 && face.encoded[0] == 0x00;
  std::unique_ptr<opj_codec_t, CodecDeleter> codec(
      opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
  opj_set_error_handler(codec.get(), quiet, nullptr);
  opj_set_warning_handler(codec.get(), quiet, nullptr);
  opj_set_info_handler(codec.get(), quiet, nullptr);
  opj_dparameters_t params;
  opj_set_default_decoder_parameters(&params);
  if (!opj_setup_decoder(codec.get(), &params))
    bad("JPEG 2000 decoder setup failed");
  opj_image_t* raw = nullptr;
  if (!opj_read_header(stream.get(), codec.get(), &raw))
    bad("JPEG 2000 header unreadable");
  std::unique_ptr<opj_image_t, ImageDeleter> image(raw);
  const auto w = static_cast<int>(image->x1 - image->x0);
  const auto h = static_cast<int>(image->y1 - image->y0);
  if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide || image->numcomps < 1 || image->numcomps > 4) {
    bad("JPEG 2000 image size out of range");
  }
  if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get())) {
    bad("JPEG 2000 image does not decode");
  }
  const bool colour = image->numcomps >= 3;
  for (OPJ_UINT32 c = 0; c < (colour ? 3u : 1u); ++c) {
    const opj_image_comp_t& comp = image->comps[c];
    if (comp.w != static_cast<OPJ_UINT32>(w) || comp.h != static_cast<OPJ_UINT32>(h) || !comp.data ||
        comp.prec < 1 || comp.prec > 16) {
      bad("JPEG 2000 subsampled components are not supported");
    }
  }
  face.width = w;
  face.height = h;
  face.rgb.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3, 0);
  for (std::size_t i = 0; i < static_cast<std::size_t>(w) * static_cast<std::size_t>(h); ++i) {
    for (int ch = 0; ch < 3; ++ch) {
      const opj_image_comp_t& comp = image->comps[colour ? ch : 0];
      const int shift = static_cast<int>(comp.prec) - 8;
      int v = comp.data[i];
      v = shift > 0 ? v >> shift : v << -shift;
      face.rgb[i * 3 + static_cast<std::size_t>(ch)] = static_cast<std::uint8_t>(std::clamp(v, 0, 255));
    }
  }
}

void decode_jpeg(FaceImage& face) {
  std::unique_ptr<void, int (*)(tjhandle)> tj(tjInitDecompress(), tjDestroy);
  if (!tj)
    bad("JPEG decoder unavailable");
  int w = 0;
  int h = 0;
  int subsamp = 0;
  int colourspace = 0;
  if (tjDecompressHeader3(tj.get(), face.encoded.data(), static_cast<unsigned long>(face.encoded.size()), &w,
                          &h, &subsamp, &colourspace) != 0 ||
      w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide) {
    bad("JPEG header unreadable");
  }
  face.rgb.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3, 0);
  if (tjDecompress2(tj.get(), face.encoded.data(), static_cast<unsigned long>(face.encoded.size()),
                    face.rgb.data(), w, 0, h, TJPF_RGB, 0) != 0) {
    face.rgb.clear();
    bad("JPEG image does not decode");
  }
  face.width = w;
  face.height = h;
}
}  // namespace

void FaceImage::wipe() {
  card::wipe(encoded);
  card::wipe(rgb);
  width = 0;
  height = 0;
}

FaceImage parse_dg2(ByteView file) {
  const Tlv top = parse_tlv(file);
  if (top.tag != 0x75)
    bad("wrong tag");
  const auto block = find_biometric_data(top.value, 0);
  if (!block)
    bad("no biometric data block");
  const ByteView r = *block;
  // ISO/IEC 19794-5: general header (14 bytes), facial information (20),
  // feature points (8 each), image information (12), image data.
  if (r.size() < 14 + 20 + 12 || std::memcmp(r.data(), "FAC\0", 4) != 0)
    bad("not an ISO 19794-5 record");
  const std::size_t block_length = be32(r, 14);
  const std::size_t points = be16(r, 18);
  const std::size_t image_at = 14 + 20 + points * 8 + 12;
  if (block_length > r.size() - 14 || block_length < 20 + points * 8 + 12 || image_at > r.size()) {
    bad("facial record lengths do not add up");
  }
  const std::size_t image_size = block_length - (20 + points * 8 + 12);
  FaceImage face;
  face.encoded.assign(r.begin() + static_cast<std::ptrdiff_t>(image_at),
                      r.begin() + static_cast<std::ptrdiff_t>(image_at + image_size));
  face.format = sniff(face.encoded);
  return face;
}

void decode_face(FaceImage& face) {
  if (face.format == FaceImage::Format::Jpeg) {
    decode_jpeg(face);
  } else {
    decode_jpeg2000(face);
  }
}

Bytes build_dg2(const FaceImage& face, int width, int height) {
  Bytes record{'F', 'A', 'C', 0, '0', '1', '0', 0};
  const std::size_t block = 20 + 12 + face.encoded.size();
  put32(record, 14 + block);
  put16(record, 1);
  put32(record, block);
  put16(record, 0);                                                         // feature points
  record.insert(record.end(), {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});  // gender .. pose uncertainty
  record.push_back(0x01);                                                   // full frontal
  record.push_back(face.format == FaceImage::Format::Jpeg ? 0x00 : 0x01);
  put16(record, width);
  put16(record, height);
  record.insert(record.end(), {0x01, 0x02, 0x00, 0x00, 0x00, 0x00});  // sRGB, digital camera
  record.insert(record.end(), face.encoded.begin(), face.encoded.end());
  const Bytes header =
      encode_tlv(0xA1, concat(encode_tlv(0x80, Bytes{0x01, 0x01}), encode_tlv(0x81, Bytes{0x02}),
                              encode_tlv(0x87, Bytes{0x01, 0x01}), encode_tlv(0x88, Bytes{0x00, 0x08})));
  const Bytes bit = encode_tlv(0x7F60, concat(header, encode_tlv(0x5F2E, record)));
  return encode_tlv(0x75, encode_tlv(0x7F61, concat(encode_tlv(0x02, Bytes{0x01}), bit)));
}

}  // namespace kiosk::card
