#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::pdf {

// Room kept for "/ByteRange [0 a b c]" numbers so they can be filled in after
// the file is complete without moving any byte.
constexpr std::size_t kByteRangeWidth = 48;

std::vector<std::uint8_t> deflate_bytes(const std::uint8_t* data, std::size_t size, int level = 6);

// Appends PDF objects to a byte buffer and remembers nothing but the buffer:
// callers keep the object offsets they need for the cross-reference section.
class PdfObjectWriter {
 public:
  explicit PdfObjectWriter(std::vector<std::uint8_t> base = {});

  [[nodiscard]] std::size_t offset() const { return bytes_.size(); }
  void append(std::string_view text);
  void append(const std::uint8_t* data, std::size_t size);
  // "id 0 obj << dict /Length n [/Filter /FlateDecode] >> stream ... endstream endobj"
  void append_stream(int id, const std::string& dict, const std::uint8_t* data, std::size_t size,
                     bool deflate);
  // Cross-reference section for `objects` (id -> offset, generation) and the
  // trailer, ending the file. As a table, or as a cross-reference stream that
  // takes object number `size` for itself. `free_head` adds entry 0 of a new
  // file.
  void append_xref(const std::map<int, std::pair<std::size_t, int>>& objects, int size,
                   const std::string& trailer_entries, bool as_stream, bool free_head = false);
  std::vector<std::uint8_t> take() && { return std::move(bytes_); }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace kiosk::pdf
