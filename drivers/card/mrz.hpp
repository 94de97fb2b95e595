#pragma once
// DG1: the TD1 machine readable zone of an ID card (ICAO 9303 Parts 5 and 10).
#include <string>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

struct Td1Mrz {
  std::string document_code;    // "ID"
  std::string issuing_state;    // "VNM"
  std::string document_number;  // without filler
  std::string optional_data1;   // CCCD: the full 12-digit number
  std::string date_of_birth;    // YYMMDD
  std::string sex;              // M, F or <
  std::string date_of_expiry;   // YYMMDD or "<<<<<<"
  std::string nationality;
  std::string optional_data2;
  std::string primary_identifier;    // surname, '<' as space
  std::string secondary_identifier;  // given names
  std::string text;                  // the 90 characters

  void wipe();
};

// Parses 90 characters and verifies every check digit; throws
// CardError(InvalidData) naming the field whose check digit is wrong.
Td1Mrz parse_td1(std::string_view mrz);
Td1Mrz parse_dg1(ByteView file);
Bytes build_dg1(std::string_view mrz);

// Builds the 90 characters of a TD1 MRZ, computing check digits.
std::string format_td1(const Td1Mrz& fields);

}  // namespace kiosk::card
