#include "screens/vietnamese_input.hpp"

#include <optional>

#include "kiosk/core/secure_wipe.hpp"
#include "kiosk/core/vietnamese_text.hpp"
#include "screens/unicode_text.hpp"

namespace kiosk::ui {
namespace {

constexpr char32_t kCircumflex = 0x302;
constexpr char32_t kBreve = 0x306;
constexpr char32_t kHorn = 0x31B;

char32_t lower(char32_t c) {
  return (c >= U'A' && c <= U'Z') ? c + 32 : c;
}

bool is_upper(char32_t c) {
  return c >= U'A' && c <= U'Z';
}

// A letter of the word: its ASCII base and its shape mark (â ă ơ ...).
struct Letter {
  char32_t base = 0;
  char32_t shape = 0;
};

Letter split(char32_t c) {
  if (c == U'đ') {
    return {U'd', U'đ'};
  }
  if (c == U'Đ') {
    return {U'D', U'Đ'};
  }
  const std::u32string parts = decompose(c);
  Letter letter{parts[0], 0};
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i] == kCircumflex || parts[i] == kBreve || parts[i] == kHorn) {
      letter.shape = parts[i];
    }
  }
  return letter;
}

char32_t join(char32_t base, char32_t shape) {
  if (shape == 0) {
    return base;
  }
  if (shape == U'đ' || shape == U'Đ') {
    return shape;
  }
  const char32_t composed = compose(base, shape);
  return composed != 0 ? composed : base;
}

bool is_vowel_base(char32_t c) {
  switch (lower(c)) {
    case U'a':
    case U'e':
    case U'i':
    case U'o':
    case U'u':
    case U'y':
      return true;
    default:
      return false;
  }
}

bool is_vowel(char32_t c) {
  return is_vowel_base(split(c).base);
}

bool is_word_char(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || split(c).base != c || c == U'đ' || c == U'Đ';
}

// Index range [first, last] of the word's vowel nucleus; "qu" and "gi" count
// as consonants when a vowel follows them.
std::optional<std::pair<std::size_t, std::size_t>> nucleus(const std::u32string& letters) {
  std::size_t i = 0;
  while (i < letters.size() && !is_vowel(letters[i])) {
    ++i;
  }
  if (i >= letters.size()) {
    return std::nullopt;
  }
  if (i > 0 && i + 1 < letters.size() && is_vowel(letters[i + 1])) {
    const char32_t before = lower(split(letters[i - 1]).base);
    const char32_t here = lower(split(letters[i]).base);
    if ((before == U'q' && here == U'u') || (before == U'g' && here == U'i')) {
      ++i;
    }
  }
  std::size_t last = i;
  while (last + 1 < letters.size() && is_vowel(letters[last + 1])) {
    ++last;
  }
  return std::pair{i, last};
}

}  // namespace

VietnameseComposer::~VietnameseComposer() {
  wipe();
}

void VietnameseComposer::reset(const std::string& text) {
  wipe();
  committed_ = decode_utf8(compose_vietnamese(text));
}

void VietnameseComposer::wipe() {
  secure_zero(committed_.data(), committed_.capacity() * sizeof(char32_t));
  secure_zero(letters_.data(), letters_.capacity() * sizeof(char32_t));
  committed_.clear();
  letters_.clear();
  tone_ = Tone::None;
}

void VietnameseComposer::commit_word() {
  committed_ += rendered_word();
  secure_zero(letters_.data(), letters_.capacity() * sizeof(char32_t));
  letters_.clear();
  tone_ = Tone::None;
}

std::u32string VietnameseComposer::rendered_word() const {
  std::u32string word = letters_;
  const auto range = nucleus(letters_);
  if (tone_ == Tone::None || !range) {
    return word;
  }
  auto [first, last] = *range;
  std::size_t target = first;
  std::optional<std::size_t> shaped;
  for (std::size_t i = first; i <= last; ++i) {
    const Letter letter = split(letters_[i]);
    if (letter.shape == kCircumflex || letter.shape == kBreve || letter.shape == kHorn) {
      shaped = i;  // in "ươ" the tone goes on the last shaped vowel
    }
  }
  if (shaped) {
    target = *shaped;
  } else if (last > first) {
    const bool closed = last + 1 < letters_.size();
    const std::size_t count = last - first + 1;
    target = (closed || count >= 3) ? first + 1 : first;
    if (closed && count == 2) {
      target = last;
    }
  }
  static constexpr char32_t kToneMarks[] = {0, 0x301, 0x300, 0x309, 0x303, 0x323};
  const char32_t mark = kToneMarks[static_cast<int>(tone_)];
  // Through NFC, since e.g. ệ composes as ẹ + circumflex, not ê + dot below.
  std::u32string marked = decompose(word[target]);
  marked.push_back(mark);
  const std::u32string toned = decode_utf8(compose_vietnamese(encode_utf8(marked)));
  if (toned.size() == 1) {
    word[target] = toned[0];
  }
  return word;
}

bool VietnameseComposer::apply_tone(Tone tone, char32_t literal) {
  if (!nucleus(letters_)) {
    return false;
  }
  if (tone_ == tone && tone != Tone::None) {
    // Typing the tone key twice undoes it and keeps the key as a letter.
    tone_ = Tone::None;
    letters_.push_back(literal);
    return true;
  }
  if (tone == Tone::None && tone_ == Tone::None) {
    return false;
  }
  tone_ = tone;
  return true;
}

bool VietnameseComposer::apply_shape(char32_t trigger) {
  const char32_t t = lower(trigger);
  const bool telex = method_ == InputMethod::Telex;
  if ((telex && t == U'd') || (!telex && t == U'9')) {
    if (!letters_.empty()) {
      const Letter first = split(letters_[0]);
      if (lower(first.base) == U'd' && first.shape == 0 && (telex ? letters_.size() == 1 : true)) {
        letters_[0] = is_upper(first.base) ? U'Đ' : U'đ';
        return true;
      }
      if (first.shape != 0 && lower(first.base) == U'd' && telex && letters_.size() == 1) {
        letters_[0] = first.base;
        letters_.push_back(trigger);
        return true;
      }
    }
    return false;
  }
  const auto range = nucleus(letters_);
  // Which vowels the key may shape, and with which mark.
  char32_t mark = 0;
  std::u32string targets;
  if (telex && (t == U'a' || t == U'e' || t == U'o')) {
    mark = kCircumflex;
    targets = std::u32string(1, t);
  } else if (telex && t == U'w') {
    mark = kHorn;
    targets = U"aou";
  } else if (!telex && t == U'6') {
    mark = kCircumflex;
    targets = U"aeo";
  } else if (!telex && t == U'7') {
    mark = kHorn;
    targets = U"ou";
  } else if (!telex && t == U'8') {
    mark = kBreve;
    targets = U"a";
  } else {
    return false;
  }
  if (!range) {
    if (telex && t == U'w') {
      letters_.push_back(is_upper(trigger) ? U'Ư' : U'ư');
      return true;
    }
    return false;
  }
  auto [first, last] = *range;
  // "uo" takes the horn on both: ươ.
  if (mark == kHorn && last > first) {
    for (std::size_t i = first; i < last; ++i) {
      const Letter u = split(letters_[i]);
      const Letter o = split(letters_[i + 1]);
      if (lower(u.base) == U'u' && lower(o.base) == U'o' && u.shape == 0 && o.shape == 0) {
        letters_[i] = join(u.base, kHorn);
        letters_[i + 1] = join(o.base, kHorn);
        return true;
      }
    }
  }
  for (std::size_t n = last + 1; n-- > first;) {
    const Letter letter = split(letters_[n]);
    const char32_t base = lower(letter.base);
    if (targets.find(base) == std::u32string::npos) {
      continue;
    }
    char32_t wanted = mark;
    if (telex && t == U'w' && base == U'a') {
      wanted = kBreve;
    }
    if (letter.shape == wanted) {
      // Typed twice: undo the mark and keep the key as a letter ("aaa" -> "aa").
      letters_[n] = letter.base;
      letters_.push_back(trigger);
      return true;
    }
    letters_[n] = join(letter.base, wanted);
    return true;
  }
  return false;
}

void VietnameseComposer::key(char32_t c) {
  const bool telex = method_ == InputMethod::Telex;
  const char32_t l = lower(c);
  if (!letters_.empty() || is_word_char(c) || (!telex && c >= U'0' && c <= U'9' && !letters_.empty())) {
    std::optional<Tone> tone;
    if (telex) {
      switch (l) {
        case U's':
          tone = Tone::Acute;
          break;
        case U'f':
          tone = Tone::Grave;
          break;
        case U'r':
          tone = Tone::Hook;
          break;
        case U'x':
          tone = Tone::Tilde;
          break;
        case U'j':
          tone = Tone::Dot;
          break;
        case U'z':
          tone = Tone::None;
          break;
        default:
          break;
      }
    } else {
      switch (c) {
        case U'1':
          tone = Tone::Acute;
          break;
        case U'2':
          tone = Tone::Grave;
          break;
        case U'3':
          tone = Tone::Hook;
          break;
        case U'4':
          tone = Tone::Tilde;
          break;
        case U'5':
          tone = Tone::Dot;
          break;
        case U'0':
          tone = Tone::None;
          break;
        default:
          break;
      }
    }
    if (tone && !letters_.empty() && apply_tone(*tone, c)) {
      return;
    }
    if ((!letters_.empty() || (telex && l == U'w')) && apply_shape(c)) {
      return;
    }
    if (is_word_char(c)) {
      letters_.push_back(c);
      return;
    }
  }
  commit_word();
  committed_.push_back(c);
}

void VietnameseComposer::backspace() {
  if (!letters_.empty()) {
    letters_.pop_back();
    if (!nucleus(letters_)) {
      tone_ = Tone::None;
    }
    return;
  }
  if (!committed_.empty()) {
    committed_.pop_back();
  }
}

std::string VietnameseComposer::text() const {
  return compose_vietnamese(encode_utf8(committed_ + rendered_word()));
}

}  // namespace kiosk::ui
