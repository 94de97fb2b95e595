#pragma once
// Files of the eMRTD application (ICAO 9303 Part 10): their short file
// identifiers and LDS tags, and EF.COM.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

// The eMRTD application (ICAO 9303 Part 10, 3.1).
inline const Bytes kMrtdAid{0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

inline constexpr std::uint8_t kSfiCardAccess = 0x1C;
inline constexpr std::uint8_t kSfiCom = 0x1E;
inline constexpr std::uint8_t kSfiSod = 0x1D;

// Data groups are numbered 1..16; their SFI is the number.
std::uint8_t data_group_tag(int number);                 // DG1 -> 0x61, DG2 -> 0x75, ...
std::optional<int> data_group_number(std::uint8_t tag);  // reverse
inline std::uint16_t data_group_fid(int number) {
  return static_cast<std::uint16_t>(0x0100 + number);
}

struct EfCom {
  std::string lds_version;
  std::string unicode_version;
  std::vector<int> data_groups;  // numbers present on the chip

  bool has(int number) const;
};

EfCom parse_ef_com(ByteView file);
Bytes build_ef_com(const std::vector<int>& data_groups);

}  // namespace kiosk::card
