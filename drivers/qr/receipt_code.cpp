#include "drivers/qr/receipt_code.hpp"

#include <algorithm>
#include <optional>

namespace kiosk::qr {
namespace {

using Result = Parsed<DossierCode, ReceiptRejection>;

constexpr std::size_t kMaxPayloadBytes = 2048;
constexpr std::size_t kMaxAgencyLength = 40;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
char upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

// Agency code: a letter and two digits (the province, "H34"), then
// dot-separated units of the receiving office.
bool valid_agency(std::string_view a) {
  if (a.size() < 3 || a.size() > kMaxAgencyLength || !is_upper(a[0]) || !is_digit(a[1]) || !is_digit(a[2])) {
    return false;
  }
  std::string_view rest = a.substr(3);
  while (!rest.empty()) {
    if (rest[0] != '.') {
      return false;
    }
    rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() && (is_digit(rest[n]) || is_upper(rest[n]))) {
      ++n;
    }
    if (n == 0) {
      return false;
    }
    rest.remove_prefix(n);
  }
  return true;
}

struct CodeCheck {
  std::optional<DossierCode> code;
  bool bad_date = false;
};

CodeCheck check_code(std::string_view raw) {
  std::string text(raw);
  std::transform(text.begin(), text.end(), text.begin(), upper);
  const std::size_t first = text.find('-');
  if (first == std::string::npos) {
    return {};
  }
  const std::size_t second = text.find('-', first + 1);
  if (second == std::string::npos || text.find('-', second + 1) != std::string::npos) {
    return {};
  }
  const std::string_view view(text);
  const std::string_view agency = view.substr(0, first);
  const std::string_view date = view.substr(first + 1, second - first - 1);
  const std::string_view seq = view.substr(second + 1);
  if (!valid_agency(agency) || date.size() != 6 || !all_digits(date) || seq.size() < 4 || seq.size() > 6 ||
      !all_digits(seq)) {
    return {};
  }
  const int yy = (date[0] - '0') * 10 + (date[1] - '0');
  const int mm = (date[2] - '0') * 10 + (date[3] - '0');
  const int dd = (date[4] - '0') * 10 + (date[5] - '0');
  const auto received = CivilDate::make(2000 + yy, mm, dd);
  if (!received) {
    return {std::nullopt, true};
  }
  int sequence = 0;
  for (const char c : seq) {
    sequence = sequence * 10 + (c - '0');
  }
  return {DossierCode{text, std::string(agency), *received, sequence}, false};
}

int hex_value(char c) {
  if (is_digit(c)) {
    return c - '0';
  }
  c = upper(c);
  return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) {
        return std::nullopt;
      }
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) {
        return std::nullopt;
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), s.begin(),
                                                 [](char a, char b) { return upper(a) == upper(b); });
}

Rejection<ReceiptRejection> reject(ReceiptRejection code, std::string detail) {
  return {code, std::move(detail)};
}

Result parse_url(std::string_view url, std::size_t scheme_length, const ReceiptParseOptions& options) {
  std::string_view rest = url.substr(scheme_length);
  const std::size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  std::string_view authority = rest.substr(0, authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return reject(ReceiptRejection::kForeignHost, "URL carries user information");
  }
  std::string_view host = authority.substr(0, authority.find(':'));
  std::string host_lower(host);
  std::transform(host_lower.begin(), host_lower.end(), host_lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (host_lower.empty()) {
    return reject(ReceiptRejection::kNotDossierCode, "URL without a host");
  }
  if (!options.lookup_hosts.empty() && std::find(options.lookup_hosts.begin(), options.lookup_hosts.end(),
                                                 host_lower) == options.lookup_hosts.end()) {
    return reject(ReceiptRejection::kForeignHost, "URL is not a status-lookup page of this service");
  }
  rest.remove_prefix(authority_end);
  rest = rest.substr(0, rest.find('#'));
  const std::size_t q = rest.find('?');
  const std::string_view path = rest.substr(0, q);
  bool bad_date = false;
  if (q != std::string_view::npos) {
    std::string_view query = rest.substr(q + 1);
    while (!query.empty()) {
      const std::size_t amp = std::min(query.find('&'), query.size());
      const std::string_view pair = query.substr(0, amp);
      query.remove_prefix(std::min(amp + 1, query.size()));
      const std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos) {
        continue;
      }
      if (const auto value = percent_decode(pair.substr(eq + 1))) {
        CodeCheck check = check_code(*value);
        if (check.code) {
          return std::move(*check.code);
        }
        bad_date = bad_date || check.bad_date;
      }
    }
  }
  const std::string_view last =
      path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  if (const auto value = percent_decode(last)) {
    CodeCheck check = check_code(*value);
    if (check.code) {
      return std::move(*check.code);
    }
    bad_date = bad_date || check.bad_date;
  }
  if (bad_date) {
    return reject(ReceiptRejection::kBadDate, "dossier code in the URL has an impossible date");
  }
  return reject(ReceiptRejection::kNoCodeInUrl, "URL does not carry a dossier code");
}

}  // namespace

std::string_view to_string(ReceiptRejection code) {
  switch (code) {
    case ReceiptRejection::kTooLong:
      return "too_long";
    case ReceiptRejection::kNotDossierCode:
      return "not_dossier_code";
    case ReceiptRejection::kBadDate:
      return "bad_date";
    case ReceiptRejection::kForeignHost:
      return "foreign_host";
    case ReceiptRejection::kNoCodeInUrl:
      return "no_code_in_url";
  }
  return "unknown";
}

Result parse_receipt_payload(std::string_view payload, const ReceiptParseOptions& options) {
  if (payload.size() > kMaxPayloadBytes) {
    return reject(ReceiptRejection::kTooLong, "payload too long for a receipt code");
  }
  while (!payload.empty() && (payload.back() == '\n' || payload.back() == '\r' || payload.back() == ' ')) {
    payload.remove_suffix(1);
  }
  while (!payload.empty() && payload.front() == ' ') {
    payload.remove_prefix(1);
  }
  if (starts_with_ci(payload, "https://")) {
    return parse_url(payload, 8, options);
  }
  if (starts_with_ci(payload, "http://")) {
    return parse_url(payload, 7, options);
  }
  CodeCheck check = check_code(payload);
  if (check.code) {
    return std::move(*check.code);
  }
  if (check.bad_date) {
    return reject(ReceiptRejection::kBadDate, "dossier code has an impossible date");
  }
  return reject(ReceiptRejection::kNotDossierCode, "neither a dossier code nor a status-lookup URL");
}

std::string receipt_lookup_url(std::string_view base_url, const DossierCode& code) {
  std::string out(base_url);
  out += out.find('?') == std::string::npos ? "?ma=" : "&ma=";
  out += code.code;  // letters, digits, '.', '-' need no escaping
  return out;
}

}  // namespace kiosk::qr
