#pragma once

#include <imgui.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/intent.hpp"
#include "kiosk/core/session_view.hpp"
#include "screens/catalog.hpp"
#include "screens/keyboard.hpp"
#include "screens/theme.hpp"
#include "screens/widget_registry.hpp"
#include "screens/zoom_pan.hpp"

namespace kiosk::ui {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* title = nullptr;
  ImFont* body_large = nullptr;
  ImFont* title_large = nullptr;
};

struct Image {
  ImTextureID texture = nullptr;
  float width = 0;
  float height = 0;
};

// The live camera picture with what the QR decoder makes of it.
struct CameraView {
  enum class State { Off, Starting, Live, Unavailable, Failed };
  enum class Hint { None, NoCodeSeen, MoveCloser, TooMuchGlare, HoldStill };
  Image picture;  // the newest frame, or no texture
  State state = State::Off;
  Hint hint = Hint::NoCodeSeen;
};

// A vault PDF as the screens see it: its page sizes in points once open.
struct DocumentPages {
  enum class State { Opening, Ready, Failed };
  State state = State::Opening;
  std::vector<ImVec2> sizes;
  int unreadable_pages = 0;
};

// Pictures the screens show; the application owns the textures (GL) and
// destroys them when the session is wiped.
class ImageSource {
 public:
  virtual ~ImageSource() = default;
  virtual Image face(const SessionView& view) = 0;
  // Opens the previewed PDF off the UI thread; call it once per frame first.
  virtual const DocumentPages& document(const DocumentPreview& preview) = 0;
  // The sharpest texture of `page` so far, possibly at another width (draw it
  // scaled), or none yet. With `sharpen`, a render `width_px` wide is asked
  // for when the texture is not that wide; pages asked first come first.
  virtual Image page(int page, float width_px, bool sharpen) = 0;
  // Ends a frame of pages: pages outside [first, last] are let go. Whether
  // renders are still under way.
  virtual bool finish_pages(int first, int last) = 0;
  virtual Image qr_code(const std::string& text) = 0;
  // Uploads a new texture only when the camera delivered a new frame.
  virtual CameraView camera() = 0;
};

enum class ButtonStyle { Primary, Secondary, Danger };

// State the screens keep between frames: forms being filled, scroll positions
// and momentum, the keyboard. Forms hold personal data and are wiped with the session.
struct Forms {
  TextField id_number{{}, FieldKind::Digits, 12};
  TextField birth_date{{}, FieldKind::Digits, 8};
  TextField expiry_date{{}, FieldKind::Digits, 8};
  TextField vault_query;
  TextField procedure_query;
  TextField lookup_query{{}, FieldKind::Text, 40};
  TextField full_name;
  TextField residence;
  TextField postal_address;
  TextField phone{{}, FieldKind::Digits, 12};
  TextField email{{}, FieldKind::Email, 120};
  TextField staff_id{{}, FieldKind::Text, 40};
  TextField staff_pin{{}, FieldKind::Digits, 8};
  ResultDelivery delivery = ResultDelivery::AtOffice;
  bool contact_consent = false;
  bool sms = false;
  bool zalo = false;
  int report_reason = -1;
  ZoomPan preview;
  int rating = 0;
  Screen prepared_for = Screen::Attract;

  void wipe();
};

// Two fingers on the screen, as the application saw them this frame.
struct Pinch {
  bool active = false;
  ImVec2 a;
  ImVec2 b;
};

struct UiState {
  WidgetRegistry widgets;
  Pinch pinch;
  OnScreenKeyboard keyboard;
  Forms forms;
  std::map<ImGuiID, float> scroll_velocity;
  Screen last_screen = Screen::Attract;
};

// One frame of the touch widget kit. Widgets are big (at least 15 mm),
// act on release, ignore a press that turned into a drag, and register
// their rectangles by id for automation.
class Ui {
 public:
  Ui(const SessionView& view, const Catalog& catalog, const Theme& theme, Metrics metrics, Fonts fonts,
     UiState& state, ImageSource& images);

  [[nodiscard]] const SessionView& view() const { return view_; }
  [[nodiscard]] const Theme& theme() const { return theme_; }
  [[nodiscard]] const Metrics& metrics() const { return metrics_; }
  [[nodiscard]] UiState& state() { return state_; }
  [[nodiscard]] Forms& forms() { return state_.forms; }
  [[nodiscard]] ImageSource& images() { return images_; }
  [[nodiscard]] ImFont* body_font() const;
  [[nodiscard]] ImFont* title_font() const;

  [[nodiscard]] const std::string& t(std::string_view key) const;
  [[nodiscard]] std::string f(std::string_view key,
                              const std::vector<std::pair<std::string, std::string>>& values) const;

  void emit(Intent intent) { intents_.push_back(std::move(intent)); }
  [[nodiscard]] std::vector<Intent> take_intents() { return std::move(intents_); }
  void keep_animating() { animating_ = true; }
  [[nodiscard]] bool animating() const { return animating_; }

  // Text (already translated or data).
  void title(std::string_view text);
  void text(std::string_view text);
  void muted(std::string_view text);
  void colored(std::string_view text, Rgb colour);
  void label_value(std::string_view label, std::string_view value);

  bool button(std::string_view id, std::string_view label, ButtonStyle style = ButtonStyle::Primary,
              float width = 0, float height = 0);
  // A full-width list row with a title and a second line.
  bool row(std::string_view id, std::string_view title, std::string_view detail, bool selected = false);
  bool toggle(std::string_view id, std::string_view label, bool on);
  // Shows the field; tapping it focuses it and opens the keyboard.
  void field(std::string_view id, std::string_view label, TextField& field, bool secret = false);

  // A region that scrolls by dragging, with momentum after release. While its
  // content is taller than it, the region is a widget `id` one can drag.
  void begin_scroll(std::string_view id, float height = 0);
  void end_scroll();

  void spacing(float millimetres = 3.0f);
  void register_last(std::string_view id);

 private:
  bool pressed_without_drag(bool pressed) const;
  // Scrolls the current region until the last item and `above` pixels over
  // it (its label) are in view.
  void reveal_last_item(float above);

  const SessionView& view_;
  const Catalog& catalog_;
  const Theme& theme_;
  Metrics metrics_;
  Fonts fonts_;
  UiState& state_;
  ImageSource& images_;
  std::vector<Intent> intents_;
  std::string scroll_id_;
  bool animating_ = false;
};

ImVec4 to_imvec(Rgb c, float alpha = 1.0f);
// Colours and rounding of the kiosk theme into ImGui's style.
void apply_theme(const Theme& theme, Metrics metrics);

}  // namespace kiosk::ui
