#include "drivers/card/tlv.hpp"

#include <charconv>

#include "drivers/card/card_error.hpp"

namespace kiosk::card {

namespace {
[[noreturn]] void bad(const char* what) {
  throw CardError(ErrorCode::InvalidData, std::string("malformed TLV: ") + what);
}

// Parses tag and length; returns header size and value length.
struct Header {
  std::uint32_t tag;
  std::size_t header_size;
  std::size_t length;
};

std::optional<Header> parse_header(ByteView in, bool need_all) {
  std::size_t i = 0;
  auto need = [&](std::size_t n) {
    if (in.size() < n) {
      if (need_all)
        bad("cut short");
      return false;
    }
    return true;
  };
  if (!need(1))
    return std::nullopt;
  std::uint32_t tag = in[i++];
  if ((tag & 0x1F) == 0x1F) {
    int extra = 0;
    do {
      if (!need(i + 1))
        return std::nullopt;
      if (++extra > 3)
        bad("tag longer than four bytes");
      tag = (tag << 8) | in[i];
    } while (in[i++] & 0x80);
  }
  if (!need(i + 1))
    return std::nullopt;
  std::size_t length = in[i++];
  if (length == 0x80)
    bad("indefinite length");
  if (length > 0x80) {
    const std::size_t count = length & 0x7F;
    if (count > 3)
      bad("length field too long");
    if (!need(i + count))
      return std::nullopt;
    length = 0;
    for (std::size_t k = 0; k < count; ++k)
      length = (length << 8) | in[i++];
  }
  return Header{tag, i, length};
}
}  // namespace

bool Tlv::constructed() const {
  std::uint32_t first = tag;
  while (first > 0xFF)
    first >>= 8;
  return (first & 0x20) != 0;
}

Tlv parse_tlv(ByteView input) {
  const auto h = parse_header(input, true);
  if (input.size() - h->header_size < h->length)
    bad("value beyond the end");
  return Tlv{h->tag, input.subspan(h->header_size, h->length), h->header_size};
}

std::optional<std::size_t> tlv_total_size(ByteView header) {
  const auto h = parse_header(header, false);
  if (!h)
    return std::nullopt;
  return h->header_size + h->length;
}

Tlv TlvReader::next() {
  if (at_end())
    bad("no more objects");
  // Padding bytes 00/FF between objects are allowed by ISO 7816-4.
  while (pos_ < input_.size() && (input_[pos_] == 0x00 || input_[pos_] == 0xFF))
    ++pos_;
  if (at_end())
    bad("only padding left");
  Tlv t = parse_tlv(input_.subspan(pos_));
  pos_ += t.total_size();
  return t;
}

Tlv TlvReader::expect(std::uint32_t tag) {
  Tlv t = next();
  if (t.tag != tag)
    bad("unexpected tag");
  return t;
}

std::optional<Tlv> find_child(ByteView value, std::uint32_t tag) {
  TlvReader reader(value);
  while (!reader.at_end()) {
    Tlv t = reader.next();
    if (t.tag == tag)
      return t;
  }
  return std::nullopt;
}

Bytes encode_tag(std::uint32_t tag) {
  Bytes out;
  for (int shift = 24; shift > 0; shift -= 8) {
    if (tag >> shift)
      out.push_back(static_cast<std::uint8_t>((tag >> shift) & 0xFF));
  }
  out.push_back(static_cast<std::uint8_t>(tag & 0xFF));
  return out;
}

Bytes encode_length(std::size_t length) {
  if (length < 0x80)
    return {static_cast<std::uint8_t>(length)};
  if (length <= 0xFF)
    return {0x81, static_cast<std::uint8_t>(length)};
  if (length <= 0xFFFF) {
    return {0x82, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length & 0xFF)};
  }
  return {0x83, static_cast<std::uint8_t>(length >> 16), static_cast<std::uint8_t>((length >> 8) & 0xFF),
          static_cast<std::uint8_t>(length & 0xFF)};
}

Bytes encode_tlv(std::uint32_t tag, ByteView value) {
  return concat(encode_tag(tag), encode_length(value.size()), value);
}

Bytes encode_oid(std::string_view dotted) {
  std::vector<std::uint64_t> arcs;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    const std::size_t dot = std::min(dotted.find('.', start), dotted.size());
    std::uint64_t arc = 0;
    const auto [ptr, ec] = std::from_chars(dotted.data() + start, dotted.data() + dot, arc);
    if (ec != std::errc() || ptr != dotted.data() + dot)
      bad("OID text");
    arcs.push_back(arc);
    start = dot + 1;
  }
  if (arcs.size() < 2)
    bad("OID needs two arcs");
  Bytes out;
  auto put = [&](std::uint64_t v) {
    Bytes tmp{static_cast<std::uint8_t>(v & 0x7F)};
    while (v >>= 7)
      tmp.insert(tmp.begin(), static_cast<std::uint8_t>(0x80 | (v & 0x7F)));
    out.insert(out.end(), tmp.begin(), tmp.end());
  };
  put(arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i)
    put(arcs[i]);
  return out;
}

std::string decode_oid(ByteView content) {
  if (content.empty())
    bad("empty OID");
  std::string out;
  std::uint64_t v = 0;
  bool first = true;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (v > (std::uint64_t{1} << 56))
      bad("OID arc too large");
    v = (v << 7) | (content[i] & 0x7F);
    if (content[i] & 0x80) {
      if (i + 1 == content.size())
        bad("OID cut short");
      continue;
    }
    if (first) {
      const std::uint64_t a = v < 80 ? v / 40 : 2;
      out.append(std::to_string(a)).append(1, '.').append(std::to_string(v - a * 40));
      first = false;
    } else {
      out.append(1, '.').append(std::to_string(v));
    }
    v = 0;
  }
  return out;
}

Bytes encode_integer(std::uint64_t value) {
  Bytes content;
  do {
    content.insert(content.begin(), static_cast<std::uint8_t>(value & 0xFF));
    value >>= 8;
  } while (value != 0);
  if (content[0] & 0x80)
    content.insert(content.begin(), 0x00);
  return encode_tlv(0x02, content);
}

std::int64_t decode_integer(ByteView content) {
  if (content.empty() || content.size() > 8)
    bad("INTEGER size");
  std::uint64_t v = (content[0] & 0x80) ? ~std::uint64_t{0} : 0;
  for (auto b : content)
    v = (v << 8) | b;
  return static_cast<std::int64_t>(v);
}

}  // namespace kiosk::card
