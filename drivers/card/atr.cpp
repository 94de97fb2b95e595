#include "drivers/card/atr.hpp"

namespace kiosk::card {

namespace {
// Returns the historical bytes, or an empty view for a malformed ATR.
ByteView historical_bytes(ByteView atr) {
  if (atr.size() < 2)
    return {};
  std::size_t i = 1;
  const std::size_t k = atr[1] & 0x0F;
  std::uint8_t y = static_cast<std::uint8_t>(atr[1] >> 4);
  ++i;
  bool t_other_than_0 = false;
  while (true) {
    for (int bit = 0; bit < 3; ++bit) {
      if (y & (1 << bit))
        ++i;  // TA, TB, TC
    }
    if (!(y & 0x08))
      break;  // no TD
    if (i >= atr.size())
      return {};
    const std::uint8_t td = atr[i++];
    if ((td & 0x0F) != 0)
      t_other_than_0 = true;
    y = static_cast<std::uint8_t>(td >> 4);
  }
  if (i + k > atr.size() || (t_other_than_0 && i + k + 1 > atr.size()))
    return {};
  return atr.subspan(i, k);
}
}  // namespace

bool atr_announces_extended_length(ByteView atr) {
  const ByteView h = historical_bytes(atr);
  if (h.empty() || h[0] != 0x80)
    return false;  // only compact-TLV layout
  std::size_t i = 1;
  while (i < h.size()) {
    const std::size_t len = h[i] & 0x0F;
    const std::uint8_t tag = static_cast<std::uint8_t>(h[i] >> 4);
    if (i + 1 + len > h.size())
      return false;
    if (tag == 0x7 && len >= 3)
      return (h[i + 3] & 0x40) != 0;
    i += 1 + len;
  }
  return false;
}

Bytes build_atr(bool extended_length) {
  // TS, T0 (TD1 present, 5 historical bytes), TD1 (TD2 present, T=0),
  // TD2 (T=1), historical 80 73 00 00 xx, TCK.
  Bytes atr{0x3B, 0x85, 0x80,
            0x01, 0x80, 0x73,
            0x00, 0x00, static_cast<std::uint8_t>(extended_length ? 0x40 : 0x00)};
  std::uint8_t tck = 0;
  for (std::size_t i = 1; i < atr.size(); ++i)
    tck = static_cast<std::uint8_t>(tck ^ atr[i]);
  atr.push_back(tck);
  return atr;
}

}  // namespace kiosk::card
