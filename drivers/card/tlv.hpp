#pragma once
// BER-TLV as used by ISO 7816-4 and the LDS (ICAO 9303 Part 10), plus the
// few DER building blocks the chip's security objects need.
#include <cstdint>
#include <optional>
#include <string>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

struct Tlv {
  std::uint32_t tag = 0;
  ByteView value;
  std::size_t header_size = 0;  // tag + length bytes

  bool constructed() const;
  std::size_t total_size() const { return header_size + value.size(); }
  // Tag, length and value as they appear in the parsed input.
  ByteView encoded() const { return ByteView(value.data() - header_size, total_size()); }
};

// Walks a sequence of TLV objects; throws CardError(InvalidData) on
// anything malformed, never reads past the input.
class TlvReader {
 public:
  explicit TlvReader(ByteView input) : input_(input) {}
  bool at_end() const { return pos_ >= input_.size(); }
  Tlv next();
  // The next object, which must carry `tag`.
  Tlv expect(std::uint32_t tag);

 private:
  ByteView input_;
  std::size_t pos_ = 0;
};

// Parses exactly one TLV at the start of `input`.
Tlv parse_tlv(ByteView input);
// Size of the whole object from its first bytes (tag and length only), so a
// file can be read in as few APDUs as possible; nullopt if more bytes are
// needed, CardError(InvalidData) if the header is malformed.
std::optional<std::size_t> tlv_total_size(ByteView header);
// Searches the direct children of a constructed value.
std::optional<Tlv> find_child(ByteView value, std::uint32_t tag);

Bytes encode_tag(std::uint32_t tag);
Bytes encode_length(std::size_t length);
Bytes encode_tlv(std::uint32_t tag, ByteView value);

// DER helpers for OIDs and small INTEGERs.
Bytes encode_oid(std::string_view dotted);      // content bytes only
std::string decode_oid(ByteView content);       // dotted form
Bytes encode_integer(std::uint64_t value);      // full TLV, non-negative
std::int64_t decode_integer(ByteView content);  // throws on > 8 bytes

}  // namespace kiosk::card
