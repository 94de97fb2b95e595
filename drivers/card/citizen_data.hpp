#pragma once
// DG13 of the CCCD: the citizen's Vietnamese particulars, UTF-8. Each entry
// is a SEQUENCE of an INTEGER index and one or more strings.
#include <map>
#include <string>
#include <vector>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

enum class CitizenField : int {
  IdNumber = 1,
  FullName = 2,
  DateOfBirth = 3,
  Sex = 4,
  Nationality = 5,
  Ethnicity = 6,
  Religion = 7,
  PlaceOfOrigin = 8,
  PlaceOfResidence = 9,
  IdentifyingMarks = 10,
  IssueDate = 11,
  ExpiryDate = 12,
  ParentsNames = 13,
  OldIdNumber = 16,
};

struct CitizenData {
  // Index -> values; unknown indices are kept, missing ones are absent.
  std::map<int, std::vector<std::string>> fields;

  // First value of a field, or "" when the chip does not carry it.
  std::string get(CitizenField field) const;
  const std::vector<std::string>& all(CitizenField field) const;
  void wipe();
};

// Throws CardError(InvalidData) when the structure is not DG13.
CitizenData parse_dg13(ByteView file);
Bytes build_dg13(const CitizenData& data);

// JSON-friendly field names ("full_name", ...).
std::string citizen_field_name(int index);

}  // namespace kiosk::card
