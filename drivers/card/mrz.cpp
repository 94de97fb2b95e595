#include "drivers/card/mrz.hpp"

#include "drivers/card/card_error.hpp"
#include "drivers/card/mrz_key.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {
std::string trim_filler(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && s[end - 1] == '<')
    --end;
  return std::string(s.substr(0, end));
}

std::string fillers_to_spaces(std::string_view s) {
  std::string out = trim_filler(s);
  for (auto& c : out) {
    if (c == '<')
      c = ' ';
  }
  return out;
}

void check(std::string_view field, char digit, const char* name) {
  const int expected = mrz_check_digit(field);
  const bool filler_ok = digit == '<' && field.find_first_not_of('<') == std::string_view::npos;
  if (expected < 0 || (!filler_ok && digit != static_cast<char>('0' + expected))) {
    throw CardError(ErrorCode::InvalidData, std::string("DG1: check digit of the ") + name + " is wrong");
  }
}

std::string pad(std::string_view s, std::size_t n) {
  std::string out(s.substr(0, n));
  out.resize(n, '<');
  return out;
}

char digit(std::string_view field) {
  return static_cast<char>('0' + mrz_check_digit(field));
}
}  // namespace

void Td1Mrz::wipe() {
  for (std::string* s :
       {&document_code, &issuing_state, &document_number, &optional_data1, &date_of_birth, &sex,
        &date_of_expiry, &nationality, &optional_data2, &primary_identifier, &secondary_identifier, &text}) {
    card::wipe(*s);
  }
}

Td1Mrz parse_td1(std::string_view mrz) {
  if (mrz.size() != 90)
    throw CardError(ErrorCode::InvalidData, "DG1: a TD1 MRZ has 90 characters");
  for (char c : mrz) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<')) {
      throw CardError(ErrorCode::InvalidData, "DG1: character outside the MRZ alphabet");
    }
  }
  const std::string_view l1 = mrz.substr(0, 30);
  const std::string_view l2 = mrz.substr(30, 30);
  const std::string_view l3 = mrz.substr(60, 30);
  Td1Mrz m;
  m.text = std::string(mrz);
  m.document_code = trim_filler(l1.substr(0, 2));
  m.issuing_state = trim_filler(l1.substr(2, 3));
  m.document_number = trim_filler(l1.substr(5, 9));
  check(l1.substr(5, 9), l1[14], "document number");
  m.optional_data1 = trim_filler(l1.substr(15, 15));
  m.date_of_birth = std::string(l2.substr(0, 6));
  check(l2.substr(0, 6), l2[6], "date of birth");
  m.sex = std::string(l2.substr(7, 1));
  m.date_of_expiry = std::string(l2.substr(8, 6));
  check(l2.substr(8, 6), l2[14], "date of expiry");
  m.nationality = trim_filler(l2.substr(15, 3));
  m.optional_data2 = trim_filler(l2.substr(18, 11));
  const std::string composite = std::string(l1.substr(5, 25)) + std::string(l2.substr(0, 7)) +
                                std::string(l2.substr(8, 7)) + std::string(l2.substr(18, 11));
  check(composite, l2[29], "whole MRZ");
  const std::size_t split = l3.find("<<");
  if (split == std::string_view::npos) {
    m.primary_identifier = fillers_to_spaces(l3);
  } else {
    m.primary_identifier = fillers_to_spaces(l3.substr(0, split));
    m.secondary_identifier = fillers_to_spaces(l3.substr(split + 2));
  }
  return m;
}

Td1Mrz parse_dg1(ByteView file) {
  const Tlv top = parse_tlv(file);
  if (top.tag != 0x61)
    throw CardError(ErrorCode::InvalidData, "DG1 has the wrong tag");
  const auto mrz = find_child(top.value, 0x5F1F);
  if (!mrz)
    throw CardError(ErrorCode::InvalidData, "DG1 has no MRZ");
  return parse_td1(std::string_view(reinterpret_cast<const char*>(mrz->value.data()), mrz->value.size()));
}

Bytes build_dg1(std::string_view mrz) {
  return encode_tlv(0x61, encode_tlv(0x5F1F, to_bytes(mrz)));
}

std::string format_td1(const Td1Mrz& f) {
  const std::string number = pad(f.document_number, 9);
  const std::string l1 =
      pad(f.document_code, 2) + pad(f.issuing_state, 3) + number + digit(number) + pad(f.optional_data1, 15);
  const std::string dob = pad(f.date_of_birth, 6);
  const std::string exp = pad(f.date_of_expiry, 6);
  const char exp_digit = exp == "<<<<<<" ? '<' : digit(exp);
  std::string l2 =
      dob + digit(dob) + pad(f.sex, 1) + exp + exp_digit + pad(f.nationality, 3) + pad(f.optional_data2, 11);
  const std::string composite = l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11);
  l2 += digit(composite);
  std::string name = f.primary_identifier + "<<" + f.secondary_identifier;
  for (auto& c : name) {
    if (c == ' ')
      c = '<';
  }
  return l1 + l2 + pad(name, 30);
}

}  // namespace kiosk::card
