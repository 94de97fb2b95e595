#include "drivers/pdf/signature_fields.hpp"

#include <qpdf/JSON.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <exception>

namespace kiosk::pdf {
namespace {

bool read_field(QPDFObjectHandle value, SignatureField& field) {
  if (!value.isDictionary()) {
    return false;
  }
  QPDFObjectHandle range = value.getKey("/ByteRange");
  QPDFObjectHandle contents = value.getKey("/Contents");
  if (!range.isArray() || !contents.isString()) {
    return false;
  }
  for (int i = 0; i < range.getArrayNItems(); ++i) {
    QPDFObjectHandle item = range.getArrayItem(i);
    if (!item.isInteger()) {
      return false;
    }
    field.byte_range.push_back(item.getIntValue());
  }
  field.contents = contents.getStringValue();
  if (value.getKey("/SubFilter").isName()) {
    field.sub_filter = value.getKey("/SubFilter").getName();
  }
  if (value.getKey("/M").isString()) {
    field.date = value.getKey("/M").getUTF8Value();
  }
  return true;
}

}  // namespace

PdfResult<std::vector<SignatureField>> read_signature_fields(const std::uint8_t* pdf, std::size_t size) {
  std::vector<SignatureField> fields;
  try {
    QPDF doc;
    doc.setSuppressWarnings(true);
    doc.processMemoryFile("document", reinterpret_cast<const char*>(pdf), size);
    QPDFAcroFormDocumentHelper forms(doc);
    for (auto& form_field : forms.getFormFields()) {
      if (form_field.getFieldType() != "/Sig") {
        continue;
      }
      SignatureField field;
      if (read_field(form_field.getValue(), field)) {
        fields.push_back(std::move(field));
      }
    }
  } catch (const std::exception& e) {
    return PdfError{PdfErrorCode::MalformedPdf, e.what()};
  }
  return fields;
}

}  // namespace kiosk::pdf
