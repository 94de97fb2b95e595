#include "drivers/pdf/pdf_writer_util.hpp"

#include <zlib.h>

#include <cstdio>

namespace kiosk::pdf {

std::vector<std::uint8_t> deflate_bytes(const std::uint8_t* data, std::size_t size, int level) {
  uLongf bound = compressBound(static_cast<uLong>(size));
  std::vector<std::uint8_t> out(bound);
  if (compress2(out.data(), &bound, data, static_cast<uLong>(size), level) != Z_OK) {
    return {};
  }
  out.resize(bound);
  return out;
}

PdfObjectWriter::PdfObjectWriter(std::vector<std::uint8_t> base) : bytes_(std::move(base)) {
  if (!bytes_.empty() && bytes_.back() != '\n' && bytes_.back() != '\r') {
    bytes_.push_back('\n');
  }
}

void PdfObjectWriter::append(std::string_view text) {
  bytes_.insert(bytes_.end(), text.begin(), text.end());
}

void PdfObjectWriter::append(const std::uint8_t* data, std::size_t size) {
  bytes_.insert(bytes_.end(), data, data + size);
}

void PdfObjectWriter::append_stream(int id, const std::string& dict, const std::uint8_t* data,
                                    std::size_t size, bool deflate) {
  std::vector<std::uint8_t> packed;
  if (deflate) {
    packed = deflate_bytes(data, size);
    if (!packed.empty()) {
      data = packed.data();
      size = packed.size();
    } else {
      deflate = false;
    }
  }
  append(std::to_string(id) + " 0 obj\n<< " + dict + " /Length " + std::to_string(size) +
         (deflate ? " /Filter /FlateDecode" : "") + " >>\nstream\n");
  append(data, size);
  append("\nendstream\nendobj\n");
}

void PdfObjectWriter::append_xref(const std::map<int, std::pair<std::size_t, int>>& objects, int size,
                                  const std::string& trailer_entries, bool as_stream, bool free_head) {
  std::map<int, std::pair<std::size_t, int>> entries = objects;
  const std::size_t xref_offset = offset();
  int total_size = size;
  if (as_stream) {
    entries[size] = {xref_offset, 0};
    total_size = size + 1;
  }
  // Runs of consecutive object numbers: [first, count].
  std::vector<std::pair<int, int>> runs;
  if (free_head) {
    runs.emplace_back(0, 1);
  }
  for (const auto& [id, entry] : entries) {
    if (!runs.empty() && runs.back().first + runs.back().second == id) {
      ++runs.back().second;
    } else {
      runs.emplace_back(id, 1);
    }
  }
  if (!as_stream) {
    append("xref\n");
    for (const auto& [first, count] : runs) {
      append(std::to_string(first) + " " + std::to_string(count) + "\n");
      for (int id = first; id < first + count; ++id) {
        char line[24];
        if (id == 0 && free_head) {
          std::snprintf(line, sizeof line, "%010d %05d f \n", 0, 65535);
        } else {
          const auto& [at, generation] = entries.at(id);
          std::snprintf(line, sizeof line, "%010zu %05d n \n", at, generation);
        }
        append(line);
      }
    }
    append("trailer\n<< /Size " + std::to_string(total_size) + "\n" + trailer_entries + ">>\nstartxref\n" +
           std::to_string(xref_offset) + "\n%%EOF\n");
    return;
  }
  std::vector<std::uint8_t> rows;
  std::string index;
  for (const auto& [first, count] : runs) {
    index += std::to_string(first) + " " + std::to_string(count) + " ";
    for (int id = first; id < first + count; ++id) {
      std::size_t at = 0;
      int generation = 65535;
      std::uint8_t type = 0;
      if (!(id == 0 && free_head)) {
        std::tie(at, generation) = entries.at(id);
        type = 1;
      }
      rows.push_back(type);
      for (int shift = 24; shift >= 0; shift -= 8) {
        rows.push_back(static_cast<std::uint8_t>((at >> shift) & 0xff));
      }
      rows.push_back(static_cast<std::uint8_t>((generation >> 8) & 0xff));
      rows.push_back(static_cast<std::uint8_t>(generation & 0xff));
    }
  }
  append_stream(size,
                "/Type /XRef /Size " + std::to_string(total_size) + " /W [1 4 2] /Index [" + index + "]\n" +
                    trailer_entries,
                rows.data(), rows.size(), false);
  append("startxref\n" + std::to_string(xref_offset) + "\n%%EOF\n");
}

}  // namespace kiosk::pdf
