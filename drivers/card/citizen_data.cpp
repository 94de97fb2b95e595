#include "drivers/card/citizen_data.hpp"

#include "drivers/card/card_error.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {
constexpr int kMaxDepth = 6;

bool is_string_tag(std::uint32_t tag) {
  // UTF8String, PrintableString, IA5String, OCTET STRING, BMP-less T61String.
  return tag == 0x0C || tag == 0x13 || tag == 0x16 || tag == 0x04 || tag == 0x14;
}

void collect_strings(ByteView content, std::vector<std::string>& out, int depth) {
  if (depth > kMaxDepth)
    throw CardError(ErrorCode::InvalidData, "DG13 nested too deeply");
  TlvReader reader(content);
  while (!reader.at_end()) {
    const Tlv t = reader.next();
    if (is_string_tag(t.tag)) {
      out.push_back(to_string(t.value));
    } else if (t.tag == 0x30 || t.tag == 0x31) {
      collect_strings(t.value, out, depth + 1);
    }
  }
}

void collect_entries(ByteView content, CitizenData& data, int depth) {
  if (depth > kMaxDepth)
    throw CardError(ErrorCode::InvalidData, "DG13 nested too deeply");
  TlvReader reader(content);
  while (!reader.at_end()) {
    const Tlv t = reader.next();
    if (t.tag != 0x30 && t.tag != 0x31)
      continue;
    TlvReader inner(t.value);
    if (inner.at_end())
      continue;
    const Tlv first = parse_tlv(t.value);
    if (first.tag == 0x02) {
      const std::int64_t index = decode_integer(first.value);
      if (index < 0 || index > 1000)
        throw CardError(ErrorCode::InvalidData, "DG13 index out of range");
      std::vector<std::string> values;
      collect_strings(t.value.subspan(first.total_size()), values, depth + 1);
      auto& slot = data.fields[static_cast<int>(index)];
      slot.insert(slot.end(), values.begin(), values.end());
    } else {
      collect_entries(t.value, data, depth + 1);
    }
  }
}

const std::vector<std::string> kNone;
}  // namespace

std::string CitizenData::get(CitizenField field) const {
  const auto& v = all(field);
  return v.empty() ? std::string() : v.front();
}

const std::vector<std::string>& CitizenData::all(CitizenField field) const {
  const auto it = fields.find(static_cast<int>(field));
  return it == fields.end() ? kNone : it->second;
}

void CitizenData::wipe() {
  for (auto& [index, values] : fields) {
    for (auto& v : values)
      card::wipe(v);
  }
  fields.clear();
}

CitizenData parse_dg13(ByteView file) {
  const Tlv top = parse_tlv(file);
  if (top.tag != 0x6D)
    throw CardError(ErrorCode::InvalidData, "DG13 has the wrong tag");
  CitizenData data;
  collect_entries(top.value, data, 0);
  return data;
}

Bytes build_dg13(const CitizenData& data) {
  Bytes entries;
  for (const auto& [index, values] : data.fields) {
    Bytes body = encode_integer(static_cast<std::uint64_t>(index));
    for (const auto& v : values) {
      const Bytes s = encode_tlv(0x0C, to_bytes(v));
      body.insert(body.end(), s.begin(), s.end());
    }
    const Bytes entry = encode_tlv(0x30, body);
    entries.insert(entries.end(), entry.begin(), entry.end());
  }
  return encode_tlv(0x6D, encode_tlv(0x30, entries));
}

std::string citizen_field_name(int index) {
  switch (static_cast<CitizenField>(index)) {
    case CitizenField::IdNumber:
      return "id_number";
    case CitizenField::FullName:
      return "full_name";
    case CitizenField::DateOfBirth:
      return "date_of_birth";
    case CitizenField::Sex:
      return "sex";
    case CitizenField::Nationality:
      return "nationality";
    case CitizenField::Ethnicity:
      return "ethnicity";
    case CitizenField::Religion:
      return "religion";
    case CitizenField::PlaceOfOrigin:
      return "place_of_origin";
    case CitizenField::PlaceOfResidence:
      return "place_of_residence";
    case CitizenField::IdentifyingMarks:
      return "identifying_marks";
    case CitizenField::IssueDate:
      return "issue_date";
    case CitizenField::ExpiryDate:
      return "expiry_date";
    case CitizenField::ParentsNames:
      return "parents_names";
    case CitizenField::OldIdNumber:
      return "old_id_number";
  }
  return "field_" + std::to_string(index);
}

}  // namespace kiosk::card
