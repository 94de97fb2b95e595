#include "drivers/card/apdu.hpp"

#include "drivers/card/card_error.hpp"

namespace kiosk::card {

namespace {
void put16(Bytes& out, std::size_t value) {
  out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
  out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

[[noreturn]] void malformed(const char* what) {
  throw CardError(ErrorCode::MalformedResponse, std::string("malformed APDU: ") + what);
}
}  // namespace

bool CommandApdu::extended() const {
  return force_extended || data.size() > 255 || (le && *le > 256);
}

Bytes CommandApdu::serialize() const {
  if (data.size() > 65535)
    throw CardError(ErrorCode::InvalidInput, "command data too long");
  if (le && (*le == 0 || *le > 65536))
    throw CardError(ErrorCode::InvalidInput, "Le out of range");
  Bytes out{cla, ins, p1, p2};
  const bool ext = extended();
  if (!data.empty()) {
    if (ext) {
      out.push_back(0x00);
      put16(out, data.size());
    } else {
      out.push_back(static_cast<std::uint8_t>(data.size()));
    }
    out.insert(out.end(), data.begin(), data.end());
  }
  if (le) {
    if (ext) {
      if (data.empty())
        out.push_back(0x00);
      put16(out, *le == 65536 ? 0 : *le);
    } else {
      out.push_back(static_cast<std::uint8_t>(*le == 256 ? 0 : *le));
    }
  }
  return out;
}

CommandApdu CommandApdu::parse(ByteView raw) {
  if (raw.size() < 4)
    malformed("shorter than a header");
  CommandApdu c;
  c.cla = raw[0];
  c.ins = raw[1];
  c.p1 = raw[2];
  c.p2 = raw[3];
  const ByteView body = raw.subspan(4);
  if (body.empty())
    return c;              // case 1
  if (body.size() == 1) {  // case 2 short
    c.le = body[0] == 0 ? 256 : body[0];
    return c;
  }
  if (body[0] != 0) {  // short cases 3 and 4
    const std::size_t lc = body[0];
    if (body.size() < 1 + lc)
      malformed("Lc beyond the end");
    c.data.assign(body.begin() + 1, body.begin() + 1 + static_cast<std::ptrdiff_t>(lc));
    const std::size_t rest = body.size() - 1 - lc;
    if (rest == 1) {
      c.le = body[1 + lc] == 0 ? 256 : body[1 + lc];
    } else if (rest != 0) {
      malformed("trailing bytes after short body");
    }
    return c;
  }
  // Extended: 00 then two bytes.
  c.force_extended = true;
  if (body.size() == 3) {
    const std::size_t le = (std::size_t{body[1]} << 8) | body[2];
    c.le = le == 0 ? 65536 : le;
    return c;
  }
  if (body.size() < 3)
    malformed("extended length cut short");
  const std::size_t lc = (std::size_t{body[1]} << 8) | body[2];
  if (lc == 0 || body.size() < 3 + lc)
    malformed("extended Lc beyond the end");
  c.data.assign(body.begin() + 3, body.begin() + 3 + static_cast<std::ptrdiff_t>(lc));
  const std::size_t rest = body.size() - 3 - lc;
  if (rest == 2) {
    const std::size_t le = (std::size_t{body[3 + lc]} << 8) | body[4 + lc];
    c.le = le == 0 ? 65536 : le;
  } else if (rest != 0) {
    malformed("trailing bytes after extended body");
  }
  return c;
}

Bytes ResponseApdu::serialize() const {
  Bytes out = data;
  put16(out, sw);
  return out;
}

ResponseApdu ResponseApdu::parse(ByteView raw) {
  if (raw.size() < 2)
    malformed("response without status word");
  ResponseApdu r;
  r.data.assign(raw.begin(), raw.end() - 2);
  r.sw = static_cast<std::uint16_t>((raw[raw.size() - 2] << 8) | raw[raw.size() - 1]);
  return r;
}

}  // namespace kiosk::card
