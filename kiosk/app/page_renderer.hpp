#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace kiosk::app {

// Size of one PDF page in points (1/72 inch).
struct PageSize {
  float width = 0;
  float height = 0;
};

// What is known of the document: none open, still opening, its page sizes,
// or that poppler could not open it.
struct DocumentLayout {
  enum class State { Closed, Opening, Ready, Failed };
  State state = State::Closed;
  std::vector<PageSize> pages;
};

struct PageRequest {
  int page = 0;
  int width_px = 0;
  friend bool operator==(const PageRequest&, const PageRequest&) = default;
};

// One rendered page, RGBA rows packed; it holds the citizen's document and is
// wiped by whoever takes it once uploaded. A page poppler could not render
// comes back empty (width 0), so that it is not asked for again.
struct RenderedPage {
  int page = 0;
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
};

// Renders vault PDF pages with poppler on a thread of its own, so a page at a
// new zoom never stalls the touch screen. The document lives only on that
// thread. The UI says which pages it wants, most urgent first; the worker
// renders them in that order, and a new wish list replaces the old one so a
// finished gesture never waits behind renders nobody looks at any more.
class PageRenderer {
 public:
  PageRenderer();
  ~PageRenderer();
  PageRenderer(const PageRenderer&) = delete;
  PageRenderer& operator=(const PageRenderer&) = delete;

  // Starts on a new document; what was pending for the previous one is dropped.
  void open(const std::vector<std::uint8_t>& pdf);
  // Drops the document, its bytes (wiped) and every pending or finished render.
  void close();
  [[nodiscard]] DocumentLayout layout() const;
  void want(std::vector<PageRequest> requests);
  std::vector<RenderedPage> take_finished();
  // Whether a render or the opening is still under way or waits to be taken.
  [[nodiscard]] bool busy() const;

 private:
  // Drops the wish list, the rendered pages and the document bytes; mutex_ held.
  void forget_locked();
  void work();
  void render_one(const PageRequest& request, std::uint64_t generation);

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::uint64_t generation_ = 0;
  std::optional<std::vector<char>> to_open_;
  DocumentLayout layout_;
  std::deque<PageRequest> wanted_;
  std::optional<PageRequest> in_progress_;
  std::vector<RenderedPage> finished_;
  std::thread thread_;
};

}  // namespace kiosk::app
