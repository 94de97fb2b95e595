#include "drivers/pdf/ccitt_g4.hpp"

#include <algorithm>
#include <cstdlib>

namespace kiosk::pdf {
namespace {

struct Code {
  std::uint8_t length;
  std::uint16_t bits;
};

// ITU-T T.4 tables 2 and 3: terminating codes for runs 0..63, make-up codes
// for 64..1728, and the make-up codes 1792..2560 both colours share.
constexpr Code kWhiteTerminating[64] = {
    {8, 0x35}, {6, 0x7},  {4, 0x7},  {4, 0x8},  {4, 0xB},  {4, 0xC},  {4, 0xE},  {4, 0xF},
    {5, 0x13}, {5, 0x14}, {5, 0x7},  {5, 0x8},  {6, 0x8},  {6, 0x3},  {6, 0x34}, {6, 0x35},
    {6, 0x2A}, {6, 0x2B}, {7, 0x27}, {7, 0xC},  {7, 0x8},  {7, 0x17}, {7, 0x3},  {7, 0x4},
    {7, 0x28}, {7, 0x2B}, {7, 0x13}, {7, 0x24}, {7, 0x18}, {8, 0x2},  {8, 0x3},  {8, 0x1A},
    {8, 0x1B}, {8, 0x12}, {8, 0x13}, {8, 0x14}, {8, 0x15}, {8, 0x16}, {8, 0x17}, {8, 0x28},
    {8, 0x29}, {8, 0x2A}, {8, 0x2B}, {8, 0x2C}, {8, 0x2D}, {8, 0x4},  {8, 0x5},  {8, 0xA},
    {8, 0xB},  {8, 0x52}, {8, 0x53}, {8, 0x54}, {8, 0x55}, {8, 0x24}, {8, 0x25}, {8, 0x58},
    {8, 0x59}, {8, 0x5A}, {8, 0x5B}, {8, 0x4A}, {8, 0x4B}, {8, 0x32}, {8, 0x33}, {8, 0x34}};
constexpr Code kWhiteMakeup[27] = {
    {5, 0x1B}, {5, 0x12}, {6, 0x17}, {7, 0x37}, {8, 0x36}, {8, 0x37}, {8, 0x64}, {8, 0x65}, {8, 0x68},
    {8, 0x67}, {9, 0xCC}, {9, 0xCD}, {9, 0xD2}, {9, 0xD3}, {9, 0xD4}, {9, 0xD5}, {9, 0xD6}, {9, 0xD7},
    {9, 0xD8}, {9, 0xD9}, {9, 0xDA}, {9, 0xDB}, {9, 0x98}, {9, 0x99}, {9, 0x9A}, {6, 0x18}, {9, 0x9B}};
constexpr Code kBlackTerminating[64] = {
    {10, 0x37}, {3, 0x2},   {2, 0x3},   {2, 0x2},   {3, 0x3},   {4, 0x3},   {4, 0x2},   {5, 0x3},
    {6, 0x5},   {6, 0x4},   {7, 0x4},   {7, 0x5},   {7, 0x7},   {8, 0x4},   {8, 0x7},   {9, 0x18},
    {10, 0x17}, {10, 0x18}, {10, 0x8},  {11, 0x67}, {11, 0x68}, {11, 0x6C}, {11, 0x37}, {11, 0x28},
    {11, 0x17}, {11, 0x18}, {12, 0xCA}, {12, 0xCB}, {12, 0xCC}, {12, 0xCD}, {12, 0x68}, {12, 0x69},
    {12, 0x6A}, {12, 0x6B}, {12, 0xD2}, {12, 0xD3}, {12, 0xD4}, {12, 0xD5}, {12, 0xD6}, {12, 0xD7},
    {12, 0x6C}, {12, 0x6D}, {12, 0xDA}, {12, 0xDB}, {12, 0x54}, {12, 0x55}, {12, 0x56}, {12, 0x57},
    {12, 0x64}, {12, 0x65}, {12, 0x52}, {12, 0x53}, {12, 0x24}, {12, 0x37}, {12, 0x38}, {12, 0x27},
    {12, 0x28}, {12, 0x58}, {12, 0x59}, {12, 0x2B}, {12, 0x2C}, {12, 0x5A}, {12, 0x66}, {12, 0x67}};
constexpr Code kBlackMakeup[27] = {{10, 0xF},  {12, 0xC8}, {12, 0xC9}, {12, 0x5B}, {12, 0x33}, {12, 0x34},
                                   {12, 0x35}, {13, 0x6C}, {13, 0x6D}, {13, 0x4A}, {13, 0x4B}, {13, 0x4C},
                                   {13, 0x4D}, {13, 0x72}, {13, 0x73}, {13, 0x74}, {13, 0x75}, {13, 0x76},
                                   {13, 0x77}, {13, 0x52}, {13, 0x53}, {13, 0x54}, {13, 0x55}, {13, 0x5A},
                                   {13, 0x5B}, {13, 0x64}, {13, 0x65}};
constexpr Code kSharedMakeup[13] = {{11, 0x8},  {11, 0xC},  {11, 0xD},  {12, 0x12}, {12, 0x13},
                                    {12, 0x14}, {12, 0x15}, {12, 0x16}, {12, 0x17}, {12, 0x1C},
                                    {12, 0x1D}, {12, 0x1E}, {12, 0x1F}};

constexpr Code kPass{4, 0x1};
constexpr Code kHorizontal{3, 0x1};
constexpr Code kVertical[7] = {{7, 0x2}, {6, 0x2}, {3, 0x2}, {1, 0x1},
                               {3, 0x3}, {6, 0x3}, {7, 0x3}};  // a1-b1 = -3..3
constexpr Code kEol{12, 0x1};

class BitWriter {
 public:
  void put(Code code) {
    for (int i = code.length - 1; i >= 0; --i) {
      current_ = static_cast<std::uint8_t>((current_ << 1) | ((code.bits >> i) & 1));
      if (++filled_ == 8) {
        out_.push_back(current_);
        current_ = 0;
        filled_ = 0;
      }
    }
  }
  void put_run(int run, bool black) {
    const Code* terminating = black ? kBlackTerminating : kWhiteTerminating;
    const Code* makeup = black ? kBlackMakeup : kWhiteMakeup;
    while (run >= 2624) {
      put(kSharedMakeup[12]);
      run -= 2560;
    }
    if (run >= 64) {
      const int index = run / 64;
      put(index <= 27 ? makeup[index - 1] : kSharedMakeup[index - 28]);
      run -= index * 64;
    }
    put(terminating[run]);
  }
  std::vector<std::uint8_t> finish() && {
    if (filled_ > 0) {
      out_.push_back(static_cast<std::uint8_t>(current_ << (8 - filled_)));
    }
    return std::move(out_);
  }

 private:
  std::vector<std::uint8_t> out_;
  std::uint8_t current_ = 0;
  int filled_ = 0;
};

// Positions where the colour changes along a row (the first change turns
// white to black), followed by two `width` sentinels.
void changes_of(const std::uint8_t* row, int width, std::uint8_t threshold, std::vector<int>& changes) {
  changes.clear();
  bool black = false;
  for (int x = 0; x < width; ++x) {
    const bool here = row[x] < threshold;
    if (here != black) {
      changes.push_back(x);
      black = here;
    }
  }
  changes.push_back(width);
  changes.push_back(width);
}

// Index of the first change right of `a0`.
std::size_t next_change(const std::vector<int>& changes, int a0) {
  return static_cast<std::size_t>(std::upper_bound(changes.begin(), changes.end(), a0) - changes.begin());
}

}  // namespace

std::vector<std::uint8_t> encode_ccitt_g4(const std::uint8_t* grey, int width, int height, int stride,
                                          std::uint8_t threshold) {
  BitWriter out;
  std::vector<int> reference{width, width};
  std::vector<int> coding;
  for (int y = 0; y < height; ++y) {
    changes_of(grey + static_cast<std::size_t>(y) * stride, width, threshold, coding);
    int a0 = -1;
    bool black = false;  // colour of a0
    while (a0 < width) {
      const std::size_t i1 = next_change(coding, a0);
      const int a1 = coding[i1];
      std::size_t j1 = next_change(reference, a0);
      // b1 must turn to the colour opposite a0's: even changes turn black.
      if ((j1 % 2 == 0) == black && reference[j1] < width) {
        ++j1;
      }
      const int b1 = reference[j1];
      const int b2 = reference[std::min(j1 + 1, reference.size() - 1)];
      if (b2 < a1) {
        out.put(kPass);
        a0 = b2;
      } else if (std::abs(a1 - b1) <= 3) {
        out.put(kVertical[a1 - b1 + 3]);
        a0 = a1;
        black = !black;
      } else {
        const int a2 = coding[std::min(i1 + 1, coding.size() - 1)];
        out.put(kHorizontal);
        out.put_run(a1 - std::max(a0, 0), black);
        out.put_run(a2 - a1, !black);
        a0 = a2;
      }
    }
    std::swap(reference, coding);
  }
  out.put(kEol);
  out.put(kEol);
  return std::move(out).finish();
}

}  // namespace kiosk::pdf
