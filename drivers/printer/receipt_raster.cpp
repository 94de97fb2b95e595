#include "drivers/printer/receipt_raster.hpp"

#include <qrencode.h>

#include <algorithm>
#include <memory>

#include "drivers/pdf/font_raster.hpp"

namespace kiosk::printer {
namespace {

constexpr float kBody = 23;
constexpr float kSmall = 20;
constexpr float kHeading = 27;
constexpr float kCode = 34;

class Layout {
 public:
  Layout(int width, const pdf::Font& regular, const pdf::Font& bold)
      : width_(width), margin_(width / 24), regular_(regular), bold_(bold) {}

  void text(const std::string& utf8, float size, bool heavy, bool centred) {
    const pdf::Font& font = heavy ? bold_ : regular_;
    for (const auto& line : font.wrap(utf8, size, width_ - 2 * margin_)) {
      const int line_width = font.text_width(line, size);
      const int x = centred ? std::max(0, (width_ - line_width) / 2) : margin_;
      Line out{line, size, heavy, x, cursor_ + font.ascent(size)};
      lines_.push_back(out);
      cursor_ += font.line_height(size);
    }
  }
  void gap(int dots) { cursor_ += dots; }
  void rule() {
    rules_.push_back(cursor_ + 4);
    cursor_ += 10;
  }
  void qr(const std::string& payload) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
    if (!code) {
      return;
    }
    // Whole dots per module, the code about half the paper wide, plus the
    // four-module quiet zone the standard asks for.
    const int modules = code->width;
    const int scale = std::max(2, (width_ / 2) / (modules + 8));
    const int side = modules * scale;
    Qr placed{std::move(code), scale, (width_ - side) / 2, cursor_ + 4 * scale};
    cursor_ += side + 8 * scale;
    qrs_.push_back(std::move(placed));
  }

  Bitmap paint() const {
    const int height = cursor_ + 40;  // room above the cutter
    pdf::Coverage canvas(width_, height);
    for (const auto& line : lines_) {
      (line.bold ? bold_ : regular_).draw(canvas, line.x, line.baseline, line.text, line.size);
    }
    Bitmap bitmap(width_, height);
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width_; ++x) {
        if (canvas.at(x, y) >= 110) {
          bitmap.set(x, y);
        }
      }
    }
    for (int y : rules_) {
      for (int x = margin_; x < width_ - margin_; x += 1) {
        if ((x / 6) % 2 == 0) {
          bitmap.set(x, y);
          bitmap.set(x, y + 1);
        }
      }
    }
    for (const auto& q : qrs_) {
      const int modules = q.code->width;
      for (int my = 0; my < modules; ++my) {
        for (int mx = 0; mx < modules; ++mx) {
          if ((q.code->data[my * modules + mx] & 1) == 0) {
            continue;
          }
          for (int dy = 0; dy < q.scale; ++dy) {
            for (int dx = 0; dx < q.scale; ++dx) {
              bitmap.set(q.x + mx * q.scale + dx, q.y + my * q.scale + dy);
            }
          }
        }
      }
    }
    return bitmap;
  }

 private:
  struct Line {
    std::string text;
    float size;
    bool bold;
    int x;
    int baseline;
  };
  struct Qr {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code;
    int scale;
    int x;
    int y;
  };
  int width_;
  int margin_;
  const pdf::Font& regular_;
  const pdf::Font& bold_;
  int cursor_ = 16;
  std::vector<Line> lines_;
  std::vector<int> rules_;
  std::vector<Qr> qrs_;
};

}  // namespace

Result<Bitmap> render_receipt(const Receipt& receipt, PaperWidth paper) {
  auto regular = pdf::Font::load_default(false);
  auto bold = pdf::Font::load_default(true);
  if (!regular || !bold) {
    return Error{ErrorCode::Internal, "no font for the receipt"};
  }
  const int width = static_cast<int>(paper);
  Layout layout(width, *regular, *bold);
  layout.text(receipt.center_name, kHeading, true, true);
  layout.gap(6);
  layout.text("PHIẾU TIẾP NHẬN HỒ SƠ", kHeading, true, true);
  layout.rule();
  if (receipt.pending) {
    layout.text("Hồ sơ đang chờ gửi", kHeading, true, true);
    layout.text("Mã tạm: " + receipt.local_reference, kCode, true, true);
    // Only the channels the citizen gave; without one, the reference is looked up at a kiosk.
    std::string channels;
    for (const auto& channel : receipt.notified_by) {
      channels += (channels.empty() ? "" : ", ") + std::string(channel == "sms"    ? "tin nhắn SMS"
                                                               : channel == "zalo" ? "Zalo"
                                                                                   : "email");
    }
    layout.text(channels.empty()
                    ? "Kiosk sẽ tự gửi hồ sơ khi có kết nối; tra cứu mã tạm tại kiosk (Tra cứu hồ sơ) "
                      "để biết tình trạng và mã hồ sơ chính thức."
                    : "Kiosk sẽ tự gửi hồ sơ khi có kết nối; mã hồ sơ chính thức được báo qua " + channels +
                          ", và tra cứu được bằng mã tạm tại kiosk.",
                kSmall, false, true);
  } else {
    layout.text("Mã hồ sơ", kBody, false, true);
    layout.text(receipt.dossier_code, kCode, true, true);
  }
  layout.rule();
  layout.text("Thủ tục: " + receipt.procedure_name, kBody, false, false);
  if (receipt.received) {
    layout.text("Ngày tiếp nhận: " + receipt.received->vietnamese(), kBody, false, false);
  }
  if (receipt.appointment) {
    layout.text("Ngày hẹn trả: " + receipt.appointment->vietnamese(), kBody, true, false);
  }
  if (!receipt.components.empty()) {
    layout.gap(6);
    layout.text("Thành phần hồ sơ:", kBody, true, false);
    for (const auto& component : receipt.components) {
      layout.text("• " + component.name +
                      (component.reused_from_vault ? " (lấy từ kho số hóa)" : " (số hóa tại kiosk)"),
                  kSmall, false, false);
    }
  }
  if (!receipt.qr_payload.empty()) {
    layout.rule();
    layout.qr(receipt.qr_payload);
  }
  if (!receipt.lookup_hint.empty()) {
    layout.text(receipt.lookup_hint, kSmall, false, true);
  }
  return layout.paint();
}

}  // namespace kiosk::printer
