#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/pdf/pdf_error.hpp"

namespace kiosk::pdf {

struct ObjectRef {
  int id = 0;
  int generation = 0;
};

// What an incremental update needs to know about the last revision of a PDF:
// where its cross-reference section is, which objects to rewrite (catalog,
// first page) and their current entries in PDF syntax, ready to be copied.
struct PdfRevision {
  std::vector<std::uint8_t> base;  // bytes the update is appended to (the input, or its repaired rewrite)
  int next_object_id = 0;          // first unused object number
  std::size_t previous_xref = 0;   // offset of the last cross-reference section
  bool xref_stream = false;        // that section is a cross-reference stream
  std::string trailer_entries;     // /Info and /ID to carry into the new trailer

  ObjectRef catalog;
  std::string catalog_entries;    // catalog without /AcroForm
  std::string acroform_entries;   // existing /AcroForm without /Fields and /SigFlags
  std::string acroform_fields;    // existing fields, space separated
  int signature_field_count = 0;  // existing signature fields, to name the new one

  ObjectRef first_page;
  std::string page_entries;           // first page without /Annots
  std::string page_annots;            // its existing annotations, space separated
  std::array<double, 4> media_box{};  // first page, inheritance resolved
};

// Reads the structure with libqpdf (this header and its source stay C++17:
// qpdf 11's headers do not compile as C++20 under clang 14). A file qpdf can only read by reconstructing
// its cross-reference table is rewritten cleanly first (`base` then differs
// from the input), since an update cannot chain to a broken section.
PdfResult<PdfRevision> read_last_revision(const std::uint8_t* pdf, std::size_t size);

// Offset given by the last `startxref` in the file's tail, if well formed.
PdfResult<std::size_t> find_startxref(const std::uint8_t* pdf, std::size_t size);

}  // namespace kiosk::pdf
