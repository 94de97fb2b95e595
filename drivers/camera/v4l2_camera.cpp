#include "drivers/camera/v4l2_camera.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "drivers/camera/image_file.hpp"

namespace kiosk::camera {
namespace {

int xioctl(int fd, unsigned long request, void* arg) {
  int r = 0;
  do {
    r = ioctl(fd, request, arg);
  } while (r == -1 && errno == EINTR);
  return r;
}

std::string errno_text(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

std::uint8_t clamp8(int v) {
  return static_cast<std::uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

struct Mode {
  std::uint32_t format = 0;
  int width = 0;
  int height = 0;
};

// Distance of a size from the wanted one; aspect ratio differences count
// double since a stretched picture frames the card badly.
long mode_cost(int w, int h, int want_w, int want_h) {
  const long area = std::labs(static_cast<long>(w) * h - static_cast<long>(want_w) * want_h) / 1000;
  const long aspect = std::labs(static_cast<long>(w) * want_h - static_cast<long>(h) * want_w) / 500;
  return area + aspect;
}

}  // namespace

void yuyv_to_frame(const std::uint8_t* yuyv, int width, int height, int bytes_per_line, Frame& out) {
  out.width = width;
  out.height = height;
  out.rgb.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  out.gray.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* src = yuyv + static_cast<std::ptrdiff_t>(y) * bytes_per_line;
    std::uint8_t* rgb = out.rgb.data() + static_cast<std::ptrdiff_t>(y) * width * 3;
    std::uint8_t* gray = out.gray.data() + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = 0; x + 1 < width; x += 2, src += 4) {
      const int u = src[1] - 128;
      const int v = src[3] - 128;
      for (int k = 0; k < 2; ++k) {
        const int luma = src[k * 2];
        const int c = 298 * (luma - 16);
        gray[x + k] = static_cast<std::uint8_t>(luma);
        std::uint8_t* p = rgb + (x + k) * 3;
        p[0] = clamp8((c + 409 * v + 128) >> 8);
        p[1] = clamp8((c - 100 * u - 208 * v + 128) >> 8);
        p[2] = clamp8((c + 516 * u + 128) >> 8);
      }
    }
  }
}

std::variant<std::unique_ptr<V4l2Camera>, CameraError> V4l2Camera::open(const std::string& device,
                                                                        Options options) {
  const int fd = ::open(device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return CameraError{CameraErrorCode::kNoDevice, errno_text(device.c_str())};
  }
  std::unique_ptr<V4l2Camera> camera(new V4l2Camera(device, fd));
  auto configured = camera->configure(options);
  if (auto* error = std::get_if<CameraError>(&configured)) {
    return *error;
  }
  return camera;
}

std::variant<std::monostate, CameraError> V4l2Camera::configure(const Options& options) {
  timeout_ms_ = options.timeout_ms;
  v4l2_capability cap{};
  if (xioctl(fd_, VIDIOC_QUERYCAP, &cap) == -1) {
    return CameraError{CameraErrorCode::kNoDevice, errno_text("VIDIOC_QUERYCAP")};
  }
  const std::uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
  if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING)) {
    return CameraError{CameraErrorCode::kUnsupportedFormat, device_ + " cannot stream video capture"};
  }

  // Pick the size nearest to the wanted one; prefer MJPEG at equal cost (less
  // USB bandwidth, so higher frame rates at 720p).
  Mode best;
  long best_cost = -1;
  for (std::uint32_t fi = 0;; ++fi) {
    v4l2_fmtdesc desc{};
    desc.index = fi;
    desc.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_, VIDIOC_ENUM_FMT, &desc) == -1) {
      break;
    }
    if (desc.pixelformat != V4L2_PIX_FMT_MJPEG && desc.pixelformat != V4L2_PIX_FMT_YUYV) {
      continue;
    }
    for (std::uint32_t si = 0;; ++si) {
      v4l2_frmsizeenum size{};
      size.index = si;
      size.pixel_format = desc.pixelformat;
      if (xioctl(fd_, VIDIOC_ENUM_FRAMESIZES, &size) == -1) {
        break;
      }
      int w = options.width;
      int h = options.height;
      if (size.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
        w = static_cast<int>(size.discrete.width);
        h = static_cast<int>(size.discrete.height);
      }
      long cost = mode_cost(w, h, options.width, options.height);
      if (desc.pixelformat == V4L2_PIX_FMT_YUYV) {
        ++cost;
      }
      if (best_cost < 0 || cost < best_cost) {
        best_cost = cost;
        best = {desc.pixelformat, w, h};
      }
      if (size.type != V4L2_FRMSIZE_TYPE_DISCRETE) {
        break;
      }
    }
  }
  if (best_cost < 0) {
    return CameraError{CameraErrorCode::kUnsupportedFormat, device_ + " offers neither MJPEG nor YUYV"};
  }

  v4l2_format fmt{};
  fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  fmt.fmt.pix.width = static_cast<std::uint32_t>(best.width);
  fmt.fmt.pix.height = static_cast<std::uint32_t>(best.height);
  fmt.fmt.pix.pixelformat = best.format;
  fmt.fmt.pix.field = V4L2_FIELD_NONE;
  if (xioctl(fd_, VIDIOC_S_FMT, &fmt) == -1) {
    return CameraError{CameraErrorCode::kUnsupportedFormat, errno_text("VIDIOC_S_FMT")};
  }
  pixel_format_ = fmt.fmt.pix.pixelformat;
  width_ = static_cast<int>(fmt.fmt.pix.width);
  height_ = static_cast<int>(fmt.fmt.pix.height);
  bytes_per_line_ = fmt.fmt.pix.bytesperline ? static_cast<int>(fmt.fmt.pix.bytesperline) : width_ * 2;

  // Auto exposure where the camera has it: aperture priority is what UVC
  // cameras call "auto"; failure only means the camera keeps its own setting.
  v4l2_control exposure{};
  exposure.id = V4L2_CID_EXPOSURE_AUTO;
  exposure.value = V4L2_EXPOSURE_APERTURE_PRIORITY;
  if (xioctl(fd_, VIDIOC_S_CTRL, &exposure) == -1) {
    exposure.value = V4L2_EXPOSURE_AUTO;
    xioctl(fd_, VIDIOC_S_CTRL, &exposure);
  }

  v4l2_requestbuffers req{};
  req.count = static_cast<std::uint32_t>(options.buffers);
  req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  req.memory = V4L2_MEMORY_MMAP;
  if (xioctl(fd_, VIDIOC_REQBUFS, &req) == -1 || req.count < 2) {
    return CameraError{CameraErrorCode::kUnsupportedFormat, errno_text("VIDIOC_REQBUFS")};
  }
  for (std::uint32_t i = 0; i < req.count; ++i) {
    v4l2_buffer buf{};
    buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buf.memory = V4L2_MEMORY_MMAP;
    buf.index = i;
    if (xioctl(fd_, VIDIOC_QUERYBUF, &buf) == -1) {
      return CameraError{CameraErrorCode::kIo, errno_text("VIDIOC_QUERYBUF")};
    }
    void* start = mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, buf.m.offset);
    if (start == MAP_FAILED) {
      return CameraError{CameraErrorCode::kIo, errno_text("mmap")};
    }
    buffers_.push_back({start, buf.length});
    if (xioctl(fd_, VIDIOC_QBUF, &buf) == -1) {
      return CameraError{CameraErrorCode::kIo, errno_text("VIDIOC_QBUF")};
    }
  }
  v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  if (xioctl(fd_, VIDIOC_STREAMON, &type) == -1) {
    return CameraError{CameraErrorCode::kIo, errno_text("VIDIOC_STREAMON")};
  }
  streaming_ = true;
  return std::monostate{};
}

V4l2Camera::~V4l2Camera() {
  if (streaming_) {
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    xioctl(fd_, VIDIOC_STREAMOFF, &type);
  }
  for (const Buffer& b : buffers_) {
    munmap(b.start, b.length);
  }
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

FrameOrError V4l2Camera::convert(const std::uint8_t* data, std::size_t size) {
  if (pixel_format_ == V4L2_PIX_FMT_MJPEG) {
    return decode_jpeg({data, size});
  }
  if (size < static_cast<std::size_t>(bytes_per_line_) * static_cast<std::size_t>(height_)) {
    return CameraError{CameraErrorCode::kCorruptFrame, "short YUYV frame"};
  }
  Frame f;
  yuyv_to_frame(data, width_, height_, bytes_per_line_, f);
  return f;
}

FrameOrError V4l2Camera::next() {
  pollfd pfd{fd_, POLLIN, 0};
  const int ready = poll(&pfd, 1, timeout_ms_);
  if (ready == 0) {
    return CameraError{CameraErrorCode::kIo, "no frame from " + device_ + " in time"};
  }
  if (ready < 0) {
    return CameraError{CameraErrorCode::kIo, errno_text("poll")};
  }
  v4l2_buffer buf{};
  buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  buf.memory = V4L2_MEMORY_MMAP;
  if (xioctl(fd_, VIDIOC_DQBUF, &buf) == -1) {
    return CameraError{errno == EAGAIN ? CameraErrorCode::kCorruptFrame : CameraErrorCode::kIo,
                       errno_text("VIDIOC_DQBUF")};
  }
  FrameOrError result = CameraError{CameraErrorCode::kCorruptFrame, "camera flagged the frame as damaged"};
  if (buf.index < buffers_.size() && !(buf.flags & V4L2_BUF_FLAG_ERROR)) {
    result = convert(static_cast<const std::uint8_t*>(buffers_[buf.index].start),
                     std::min<std::size_t>(buf.bytesused, buffers_[buf.index].length));
  }
  xioctl(fd_, VIDIOC_QBUF, &buf);
  if (auto* frame = std::get_if<Frame>(&result)) {
    frame->sequence = ++sequence_;
    frame->captured = std::chrono::steady_clock::now();
  }
  return result;
}

std::string V4l2Camera::describe() const {
  const char* fmt = pixel_format_ == V4L2_PIX_FMT_MJPEG ? "MJPEG" : "YUYV";
  return device_ + " " + std::to_string(width_) + "x" + std::to_string(height_) + " " + fmt;
}

}  // namespace kiosk::camera
