#include "drivers/scanner/sane_source.hpp"

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <optional>

namespace kiosk::scanner {
namespace {

// libsane keeps global state: one acquisition at a time per process.
std::mutex& sane_mutex() {
  static std::mutex mutex;
  return mutex;
}

Error sane_error(SANE_Status status, const std::string& what) {
  ErrorCode code = ErrorCode::ScannerUnavailable;
  switch (status) {
    case SANE_STATUS_JAMMED:
    case SANE_STATUS_COVER_OPEN:
      code = ErrorCode::ScannerJam;
      break;
    case SANE_STATUS_CANCELLED:
      code = ErrorCode::Cancelled;
      break;
    case SANE_STATUS_NO_DOCS:
      code = ErrorCode::InvalidInput;
      break;
    default:
      break;
  }
  return Error{code, what + ": " + sane_strstatus(status)};
}

// libsane is initialised once and never exited: sane_exit unloads the
// backends, which costs a device rescan at every scan and hides the origin
// of anything a backend leaks.
SANE_Status sane_runtime() {
  static const SANE_Status status = [] {
    SANE_Int version = 0;
    return sane_init(&version, nullptr);
  }();
  return status;
}

class SaneDevice {
 public:
  SaneDevice() = default;
  ~SaneDevice() {
    if (handle_ != nullptr) {
      sane_cancel(handle_);
      sane_close(handle_);
    }
  }
  SaneDevice(const SaneDevice&) = delete;
  SaneDevice& operator=(const SaneDevice&) = delete;

  SANE_Status open(const std::string& device) {
    const SANE_Status status = sane_runtime();
    if (status != SANE_STATUS_GOOD) {
      return status;
    }
    return sane_open(device.c_str(), &handle_);
  }
  [[nodiscard]] SANE_Handle handle() const { return handle_; }

 private:
  SANE_Handle handle_ = nullptr;
};

std::optional<SANE_Int> find_option(SANE_Handle handle, const char* name) {
  for (SANE_Int i = 1;; ++i) {
    const SANE_Option_Descriptor* option = sane_get_option_descriptor(handle, i);
    if (option == nullptr) {
      return std::nullopt;
    }
    if (option->name != nullptr && std::strcmp(option->name, name) == 0 &&
        SANE_OPTION_IS_ACTIVE(option->cap) && SANE_OPTION_IS_SETTABLE(option->cap)) {
      return i;
    }
  }
}

// Sets a string option to the first allowed value containing any of
// `wanted` (case-sensitive, in order of preference).
bool set_string_option(SANE_Handle handle, const char* name, std::initializer_list<const char*> wanted) {
  const auto index = find_option(handle, name);
  if (!index) {
    return false;
  }
  const SANE_Option_Descriptor* option = sane_get_option_descriptor(handle, *index);
  if (option->type != SANE_TYPE_STRING || option->constraint_type != SANE_CONSTRAINT_STRING_LIST) {
    return false;
  }
  for (const char* want : wanted) {
    for (const SANE_String_Const* value = option->constraint.string_list; *value != nullptr; ++value) {
      if (std::strstr(*value, want) != nullptr) {
        std::string buffer(*value);
        buffer.resize(static_cast<std::size_t>(std::max<SANE_Int>(option->size, 1)) + 1, '\0');
        return sane_control_option(handle, *index, SANE_ACTION_SET_VALUE, buffer.data(), nullptr) ==
               SANE_STATUS_GOOD;
      }
    }
  }
  return false;
}

// Numeric options may be SANE_Int or SANE_Fixed; values are clamped to the
// device's range.
void set_number_option(SANE_Handle handle, const char* name, double value) {
  const auto index = find_option(handle, name);
  if (!index) {
    return;
  }
  const SANE_Option_Descriptor* option = sane_get_option_descriptor(handle, *index);
  if (option->type != SANE_TYPE_INT && option->type != SANE_TYPE_FIXED) {
    return;
  }
  const bool fixed = option->type == SANE_TYPE_FIXED;
  SANE_Word word = fixed ? SANE_FIX(value) : static_cast<SANE_Word>(value);
  if (option->constraint_type == SANE_CONSTRAINT_RANGE) {
    word = std::clamp(word, option->constraint.range->min, option->constraint.range->max);
  }
  sane_control_option(handle, *index, SANE_ACTION_SET_VALUE, &word, nullptr);
}

double get_number_option(SANE_Handle handle, const char* name, double fallback) {
  const auto index = find_option(handle, name);
  if (!index) {
    return fallback;
  }
  const SANE_Option_Descriptor* option = sane_get_option_descriptor(handle, *index);
  SANE_Word word = 0;
  if ((option->type != SANE_TYPE_INT && option->type != SANE_TYPE_FIXED) ||
      sane_control_option(handle, *index, SANE_ACTION_GET_VALUE, &word, nullptr) != SANE_STATUS_GOOD) {
    return fallback;
  }
  return option->type == SANE_TYPE_FIXED ? SANE_UNFIX(word) : static_cast<double>(word);
}

// Reads one frame into a grey or RGB raster (1-bit line art expanded, 16-bit
// samples reduced to their high byte).
Result<pdf::Raster> read_frame(SANE_Handle handle) {
  SANE_Parameters params{};
  SANE_Status status = sane_get_parameters(handle, &params);
  if (status != SANE_STATUS_GOOD) {
    return sane_error(status, "parameters");
  }
  const bool rgb = params.format == SANE_FRAME_RGB;
  if (!rgb && params.format != SANE_FRAME_GRAY) {
    return Error{ErrorCode::ScannerUnavailable, "three-pass scanners are not supported"};
  }
  if (params.bytes_per_line <= 0 || params.pixels_per_line <= 0 ||
      (params.depth != 1 && params.depth != 8 && params.depth != 16)) {
    return Error{ErrorCode::ScannerUnavailable, "unsupported frame parameters"};
  }
  std::vector<std::uint8_t> data;
  if (params.lines > 0) {
    data.reserve(static_cast<std::size_t>(params.bytes_per_line) * static_cast<std::size_t>(params.lines));
  }
  std::vector<SANE_Byte> buffer(1 << 16);
  for (;;) {
    SANE_Int length = 0;
    status = sane_read(handle, buffer.data(), static_cast<SANE_Int>(buffer.size()), &length);
    if (status == SANE_STATUS_EOF) {
      break;
    }
    if (status != SANE_STATUS_GOOD) {
      return sane_error(status, "read");
    }
    data.insert(data.end(), buffer.begin(), buffer.begin() + length);
  }
  const auto bpl = static_cast<std::size_t>(params.bytes_per_line);
  const int lines = static_cast<int>(data.size() / bpl);
  if (lines <= 0) {
    return Error{ErrorCode::ScannerUnavailable, "empty frame"};
  }
  const int channels = rgb ? 3 : 1;
  pdf::Raster image(params.pixels_per_line, lines, channels);
  for (int y = 0; y < lines; ++y) {
    const std::uint8_t* in = data.data() + static_cast<std::size_t>(y) * bpl;
    std::uint8_t* out = image.row(y);
    const int samples = params.pixels_per_line * channels;
    for (int s = 0; s < samples; ++s) {
      if (params.depth == 8) {
        out[s] = in[s];
      } else if (params.depth == 16) {
        std::uint16_t v = 0;
        std::memcpy(&v, in + 2 * s, 2);  // host byte order, as SANE delivers it
        out[s] = static_cast<std::uint8_t>(v >> 8);
      } else {
        const bool ink = (in[s / 8] >> (7 - s % 8)) & 1;  // SANE line art: 1 is black
        out[s] = ink ? 0 : 255;
      }
    }
  }
  return image;
}

}  // namespace

Result<std::vector<RawPage>> SaneSource::acquire(const ScanSettings& settings) {
  std::lock_guard lock(sane_mutex());
  SaneDevice session;
  const SANE_Status opened = session.open(device_);
  if (opened != SANE_STATUS_GOOD) {
    return sane_error(opened, "open " + device_);
  }
  SANE_Handle handle = session.handle();
  set_string_option(handle, SANE_NAME_SCAN_MODE,
                    settings.colour ? std::initializer_list<const char*>{"Color", "Gray"}
                                    : std::initializer_list<const char*>{"Gray"});
  set_number_option(handle, SANE_NAME_BIT_DEPTH, 8);
  set_number_option(handle, SANE_NAME_SCAN_RESOLUTION, settings.dpi);
  if (settings.feed == PaperFeed::FeederDuplex) {
    if (!set_string_option(handle, SANE_NAME_SCAN_SOURCE, {"Duplex", "duplex"})) {
      set_string_option(handle, SANE_NAME_SCAN_SOURCE, {"ADF", "Feeder", "feeder"});
    }
  } else if (settings.feed == PaperFeed::Feeder) {
    set_string_option(handle, SANE_NAME_SCAN_SOURCE, {"ADF Front", "ADF", "Feeder", "feeder"});
  } else {
    set_string_option(handle, SANE_NAME_SCAN_SOURCE, {"Flatbed", "Normal"});
  }
  // Whole scan area; A4 where the device is larger, its maximum otherwise.
  set_number_option(handle, SANE_NAME_SCAN_TL_X, 0);
  set_number_option(handle, SANE_NAME_SCAN_TL_Y, 0);
  set_number_option(handle, SANE_NAME_SCAN_BR_X, 210);
  set_number_option(handle, SANE_NAME_SCAN_BR_Y, 297);

  // The device may round the resolution; page sizes follow what it uses.
  const double dpi = get_number_option(handle, SANE_NAME_SCAN_RESOLUTION, settings.dpi);
  std::vector<RawPage> pages;
  const bool feeder = settings.feed != PaperFeed::Flatbed;
  const bool duplex = settings.feed == PaperFeed::FeederDuplex;
  while (static_cast<int>(pages.size()) < settings.max_pages) {
    const SANE_Status started = sane_start(handle);
    if (started == SANE_STATUS_NO_DOCS && !pages.empty()) {
      break;
    }
    if (started != SANE_STATUS_GOOD) {
      return sane_error(started, pages.empty() ? "start" : "next sheet");
    }
    auto image = read_frame(handle);
    if (!image) {
      return image.error();
    }
    RawPage page{std::move(image.value()), dpi, duplex && pages.size() % 2 == 1};
    pages.push_back(std::move(page));
    if (!feeder) {
      break;
    }
  }
  return pages;
}

}  // namespace kiosk::scanner
