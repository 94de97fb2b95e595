#include "drivers/pdf/pdf_revision.hpp"

#include <qpdf/JSON.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <cctype>
#include <exception>
#include <string_view>

namespace kiosk::pdf {
namespace {

std::string_view as_chars(const std::uint8_t* bytes, std::size_t size) {
  return {reinterpret_cast<const char*>(bytes), size};
}

bool is_pdf_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

std::string entries_without(QPDFObjectHandle dict, std::initializer_list<std::string_view> skipped) {
  std::string out;
  for (const auto& key : dict.getKeys()) {
    if (std::find(skipped.begin(), skipped.end(), key) != skipped.end()) {
      continue;
    }
    out += key;
    out += ' ';
    out += dict.getKey(key).unparse();
    out += '\n';
  }
  return out;
}

std::string array_items(QPDFObjectHandle array) {
  std::string out;
  if (!array.isArray()) {
    return out;
  }
  for (int i = 0; i < array.getArrayNItems(); ++i) {
    out += array.getArrayItem(i).unparse();
    out += ' ';
  }
  return out;
}

int count_signature_fields(QPDFObjectHandle fields, int depth) {
  int count = 0;
  if (!fields.isArray() || depth > 32) {
    return 0;
  }
  for (int i = 0; i < fields.getArrayNItems(); ++i) {
    QPDFObjectHandle field = fields.getArrayItem(i);
    if (!field.isDictionary()) {
      continue;
    }
    QPDFObjectHandle type = field.getKey("/FT");
    if (type.isName() && type.getName() == "/Sig") {
      ++count;
    }
    count += count_signature_fields(field.getKey("/Kids"), depth + 1);
  }
  return count;
}

ObjectRef ref_of(QPDFObjectHandle object) {
  const QPDFObjGen og = object.getObjGen();
  return {og.getObj(), og.getGen()};
}

PdfResult<PdfRevision> describe(QPDF& doc, std::vector<std::uint8_t> base) {
  PdfRevision revision;
  auto xref = find_startxref(base.data(), base.size());
  if (!xref) {
    return xref.error();
  }
  revision.previous_xref = *xref;
  std::size_t at = revision.previous_xref;
  const std::string_view text = as_chars(base.data(), base.size());
  while (at < text.size() && is_pdf_space(text[at])) {
    ++at;
  }
  revision.xref_stream = text.substr(at, 4) != "xref";

  QPDFObjectHandle trailer = doc.getTrailer();
  int size = trailer.getKey("/Size").isInteger() ? trailer.getKey("/Size").getIntValueAsInt() : 0;
  size = std::max(size, static_cast<int>(doc.getObjectCount()) + 1);
  revision.next_object_id = size;
  for (const char* key : {"/Info", "/ID"}) {
    if (trailer.hasKey(key)) {
      revision.trailer_entries += std::string(key) + " " + trailer.getKey(key).unparse() + "\n";
    }
  }

  QPDFObjectHandle root = doc.getRoot();
  if (!root.isIndirect()) {
    return PdfError{PdfErrorCode::MalformedPdf, "catalog is not an indirect object"};
  }
  revision.catalog = ref_of(root);
  revision.catalog_entries = entries_without(root, {"/AcroForm"});
  QPDFObjectHandle acroform = root.getKey("/AcroForm");
  if (acroform.isDictionary()) {
    revision.acroform_entries = entries_without(acroform, {"/Fields", "/SigFlags"});
    revision.acroform_fields = array_items(acroform.getKey("/Fields"));
    revision.signature_field_count = count_signature_fields(acroform.getKey("/Fields"), 0);
  }

  const auto& pages = doc.getAllPages();
  if (pages.empty() || !pages.front().isIndirect()) {
    return PdfError{PdfErrorCode::MalformedPdf, "document has no pages"};
  }
  QPDFObjectHandle page = pages.front();
  revision.first_page = ref_of(page);
  revision.page_entries = entries_without(page, {"/Annots"});
  revision.page_annots = array_items(page.getKey("/Annots"));
  QPDFObjectHandle box = QPDFPageObjectHelper(page).getMediaBox();
  if (!box.isArray() || box.getArrayNItems() != 4) {
    return PdfError{PdfErrorCode::MalformedPdf, "first page has no media box"};
  }
  for (int i = 0; i < 4; ++i) {
    QPDFObjectHandle value = box.getArrayItem(i);
    if (!value.isNumber()) {
      return PdfError{PdfErrorCode::MalformedPdf, "media box is not numeric"};
    }
    revision.media_box[static_cast<std::size_t>(i)] = value.getNumericValue();
  }
  auto& mb = revision.media_box;
  if (mb[0] > mb[2]) {
    std::swap(mb[0], mb[2]);
  }
  if (mb[1] > mb[3]) {
    std::swap(mb[1], mb[3]);
  }
  if (mb[2] - mb[0] < 1 || mb[3] - mb[1] < 1) {
    return PdfError{PdfErrorCode::MalformedPdf, "first page is empty"};
  }
  revision.base = std::move(base);
  return revision;
}

}  // namespace

PdfResult<std::size_t> find_startxref(const std::uint8_t* pdf, std::size_t size) {
  const std::string_view text = as_chars(pdf, size);
  const std::size_t tail_start = text.size() > 2048 ? text.size() - 2048 : 0;
  const std::size_t keyword = text.rfind("startxref");
  if (keyword == std::string_view::npos || keyword < tail_start) {
    return PdfError{PdfErrorCode::MalformedPdf, "no startxref"};
  }
  std::size_t at = keyword + 9;
  while (at < text.size() && is_pdf_space(text[at])) {
    ++at;
  }
  std::size_t value = 0;
  std::size_t digits = 0;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0 && digits < 15) {
    value = value * 10 + static_cast<std::size_t>(text[at] - '0');
    ++at;
    ++digits;
  }
  if (digits == 0 || value >= keyword) {
    return PdfError{PdfErrorCode::MalformedPdf, "startxref out of range"};
  }
  return value;
}

PdfResult<PdfRevision> read_last_revision(const std::uint8_t* pdf, std::size_t size) {
  try {
    std::vector<std::uint8_t> input(pdf, pdf + size);
    QPDF doc;
    doc.setSuppressWarnings(true);
    doc.processMemoryFile("input", reinterpret_cast<const char*>(input.data()), input.size());
    if (doc.isEncrypted()) {
      return PdfError{PdfErrorCode::EncryptedPdf, "encrypted PDF"};
    }
    doc.getAllPages();
    if (!doc.anyWarnings() && find_startxref(input.data(), input.size())) {
      return describe(doc, std::move(input));
    }
    QPDFWriter writer(doc);
    writer.setOutputMemory();
    writer.setDeterministicID(true);
    writer.write();
    auto buffer = writer.getBufferSharedPointer();
    std::vector<std::uint8_t> repaired(buffer->getBuffer(), buffer->getBuffer() + buffer->getSize());
    QPDF clean;
    clean.setSuppressWarnings(true);
    clean.processMemoryFile("repaired", reinterpret_cast<const char*>(repaired.data()), repaired.size());
    return describe(clean, std::move(repaired));
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_password) {
      return PdfError{PdfErrorCode::EncryptedPdf, "password protected PDF"};
    }
    return PdfError{PdfErrorCode::MalformedPdf, e.what()};
  } catch (const std::exception& e) {
    return PdfError{PdfErrorCode::MalformedPdf, e.what()};
  }
}

}  // namespace kiosk::pdf
