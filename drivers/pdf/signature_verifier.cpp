#include "drivers/pdf/signature_verifier.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cctype>
#include <cstdio>
#include <exception>
#include <vector>

#include "drivers/pdf/cms_signature.hpp"
#include "drivers/pdf/signature_fields.hpp"

namespace kiosk::pdf {
PdfResult<TrustStore> TrustStore::from_pem_file(const std::string& path) {
  TrustStore trust = empty();
  std::unique_ptr<std::FILE, ossl::Deleter<std::fclose>> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    return PdfError{PdfErrorCode::CertificateUnreadable, "cannot open trust file"};
  }
  int count = 0;
  while (X509* cert = PEM_read_X509(file.get(), nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(trust.get(), cert);
    X509_free(cert);
    ++count;
  }
  ERR_clear_error();
  if (count == 0) {
    return PdfError{PdfErrorCode::CertificateUnreadable, "no PEM certificate in trust file"};
  }
  return trust;
}

TrustStore TrustStore::empty() {
  ossl::X509Store store(X509_STORE_new());
  X509_STORE_set_purpose(store.get(), X509_PURPOSE_ANY);
  return TrustStore(std::move(store));
}

std::optional<std::chrono::system_clock::time_point> parse_pdf_date(std::string_view text) {
  if (text.substr(0, 2) == "D:") {
    text.remove_prefix(2);
  }
  int fields[6] = {0, 1, 1, 0, 0, 0};
  const std::size_t widths[6] = {4, 2, 2, 2, 2, 2};
  std::size_t at = 0;
  for (int i = 0; i < 6; ++i) {
    if (at + widths[i] > text.size() || std::isdigit(static_cast<unsigned char>(text[at])) == 0) {
      if (i == 0) {
        return std::nullopt;
      }
      break;
    }
    int value = 0;
    for (std::size_t k = 0; k < widths[i]; ++k) {
      const char c = text[at + k];
      if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
        return std::nullopt;
      }
      value = value * 10 + (c - '0');
    }
    fields[i] = value;
    at += widths[i];
  }
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 ||
      fields[4] > 59 || fields[5] > 60) {
    return std::nullopt;
  }
  int offset_minutes = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const int sign = text[at] == '-' ? -1 : 1;
    int hours = 0;
    int minutes = 0;
    if (std::sscanf(std::string(text.substr(at + 1)).c_str(), "%2d'%2d", &hours, &minutes) >= 1 &&
        hours < 24 && minutes < 60 && hours >= 0 && minutes >= 0) {
      offset_minutes = sign * (hours * 60 + minutes);
    }
  }
  using namespace std::chrono;
  const year_month_day day{year{fields[0]}, month{static_cast<unsigned>(fields[1])},
                           std::chrono::day{static_cast<unsigned>(fields[2])}};
  if (!day.ok()) {
    return std::nullopt;
  }
  return sys_days{day} + hours{fields[3]} + minutes{fields[4]} + seconds{fields[5]} - minutes{offset_minutes};
}

PdfResult<SignatureCheck> verify_pdf_signature(std::span<const std::uint8_t> pdf, const TrustStore& trust) {
  SignatureCheck check;
  auto fields = read_signature_fields(pdf.data(), pdf.size());
  if (!fields) {
    return fields.error();
  }
  const SignatureField* latest = nullptr;
  auto end = [](const SignatureField& f) {
    return f.byte_range.size() == 4 ? f.byte_range[2] + f.byte_range[3] : -1;
  };
  for (const auto& field : *fields) {
    ++check.signature_count;
    if (latest == nullptr || end(field) > end(*latest)) {
      latest = &field;
    }
  }
  if (latest == nullptr) {
    check.detail = "no signed signature field";
    return check;
  }
  check.sub_filter = latest->sub_filter;
  check.signing_time = parse_pdf_date(latest->date);
  const auto& r = latest->byte_range;
  const auto size = static_cast<long long>(pdf.size());
  if (r.size() != 4 || r[0] != 0 || r[1] <= 0 || r[2] <= r[1] + 1 || r[3] < 0 || r[2] > size ||
      r[3] > size - r[2] || pdf[static_cast<std::size_t>(r[1])] != '<' ||
      pdf[static_cast<std::size_t>(r[2] - 1)] != '>' ||
      static_cast<std::size_t>(r[2] - r[1] - 2) != 2 * latest->contents.size()) {
    check.problem = SignatureProblem::MalformedSignature;
    check.detail = "byte range does not frame /Contents";
    return check;
  }
  check.covers_whole_document = r[2] + r[3] == size;
  std::vector<std::uint8_t> covered(pdf.begin(), pdf.begin() + r[1]);
  covered.insert(covered.end(), pdf.begin() + r[2], pdf.begin() + r[2] + r[3]);
  const auto* der = reinterpret_cast<const std::uint8_t*>(latest->contents.data());
  const CmsCheck cms = check_cades_detached({der, latest->contents.size()}, covered, trust.get());
  check.signer_common_name = cms.signer_common_name;
  if (!cms.well_formed) {
    check.problem = SignatureProblem::MalformedSignature;
  } else if (!cms.intact) {
    check.problem = SignatureProblem::Tampered;
  } else if (!cms.trusted) {
    check.problem = SignatureProblem::UntrustedSigner;
  } else {
    check.problem = SignatureProblem::None;
    check.valid = true;
  }
  check.detail = cms.problem.value_or("");
  return check;
}

}  // namespace kiosk::pdf
