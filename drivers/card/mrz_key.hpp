#pragma once
// The MRZ information that unlocks the chip (ICAO 9303 Part 11, 4.3 and
// 9.7): document number, date of birth and date of expiry with check digits.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::card {

struct MrzKey {
  std::string document_number;  // up to 9 characters, padded with '<'
  std::string date_of_birth;    // YYMMDD
  std::string date_of_expiry;   // YYMMDD, or "<<<<<<" for a card without expiry

  // "L898902C<3" "6908061" "9406236": the string BAC and PACE hash.
  std::string information() const;
};

// ICAO 9303 Part 3, 4.9: weights 7-3-1, '<' counts as 0, letters A=10..Z=35.
// Returns -1 for a character outside the MRZ alphabet.
int mrz_check_digit(std::string_view field);

// The key of a Vietnamese CCCD from what the citizen shows.
//
// The chip's document number is the LAST 9 DIGITS of the 12-digit personal
// identification number: the TD1 MRZ on the back of the chip CCCD reads
// "IDVNM" + those 9 digits + check digit, with the full 12-digit number in
// the optional data (Circular 06/2021/TT-BCA on the card's form, explained
// in "Dãy số ở mặt sau CCCD gắn chip tiết lộ điều gì?", cafef.vn, 2022-11-08);
// public NFC SDKs for the card (e.g. VNPT eKYC ICNFC sample) ask for exactly
// the 12-digit number, birth date YYMMDD and expiry YYMMDD and derive it so.
// A card that never expires (issued after age 60) carries "<<<<<<" as expiry
// in its MRZ; `expiry` may then be empty.
// Throws CardError(InvalidInput) on malformed input.
MrzKey cccd_mrz_key(std::string_view id12, std::string_view dob_yymmdd, std::string_view expiry_yymmdd);

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CivilDate&) const = default;
};

// Expiry of a CCCD when the card itself is not at hand (its QR carries the
// birth and issue dates, not the expiry). Law on Citizen Identification
// 59/2014/QH13, Article 21 (kept by the Law on Identification 26/2023/QH15,
// Article 21): the card must be renewed at ages 25, 40 and 60; a card
// issued within 2 years before one of those ages stays valid until the next
// one; a card issued at 58 or later never expires (nullopt). The 2023 law
// adds age 14 for children's cards; kiosk users are adults, so a card
// issued before 12 also gets age 14.
std::optional<CivilDate> cccd_expiry(const CivilDate& birth, const CivilDate& issued);

// YYMMDD of a date, and the reverse with a pivot: YY within 20 years ahead of
// `today` is 20YY, else 19YY (birth dates), or always 20YY for expiries.
std::string to_yymmdd(const CivilDate& date);

}  // namespace kiosk::card
