#include "drivers/card/lds_files.hpp"

#include <algorithm>
#include <array>

#include "drivers/card/card_error.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {
constexpr std::array<std::uint8_t, 16> kTags{0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                             0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70};
}

std::uint8_t data_group_tag(int number) {
  if (number < 1 || number > 16)
    throw CardError(ErrorCode::InvalidInput, "no such data group");
  return kTags[static_cast<std::size_t>(number - 1)];
}

std::optional<int> data_group_number(std::uint8_t tag) {
  const auto it = std::find(kTags.begin(), kTags.end(), tag);
  if (it == kTags.end())
    return std::nullopt;
  return static_cast<int>(it - kTags.begin()) + 1;
}

bool EfCom::has(int number) const {
  return std::find(data_groups.begin(), data_groups.end(), number) != data_groups.end();
}

EfCom parse_ef_com(ByteView file) {
  const Tlv top = parse_tlv(file);
  if (top.tag != 0x60)
    throw CardError(ErrorCode::InvalidData, "EF.COM has the wrong tag");
  EfCom com;
  if (auto v = find_child(top.value, 0x5F01))
    com.lds_version = to_string(v->value);
  if (auto v = find_child(top.value, 0x5F36))
    com.unicode_version = to_string(v->value);
  const auto list = find_child(top.value, 0x5C);
  if (!list)
    throw CardError(ErrorCode::InvalidData, "EF.COM has no data group list");
  for (auto tag : list->value) {
    if (auto n = data_group_number(tag))
      com.data_groups.push_back(*n);
  }
  return com;
}

Bytes build_ef_com(const std::vector<int>& data_groups) {
  Bytes tags;
  for (int n : data_groups)
    tags.push_back(data_group_tag(n));
  return encode_tlv(0x60, concat(encode_tlv(0x5F01, to_bytes("0107")), encode_tlv(0x5F36, to_bytes("040000")),
                                 encode_tlv(0x5C, tags)));
}

}  // namespace kiosk::card
