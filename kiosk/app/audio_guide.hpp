#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::app {

// Speaks the pre-rendered prompt of each screen through SDL audio, on the
// default output (speaker or headphone jack) or a named device. play() and
// stop() never block the caller: loading a prompt and opening the device
// happen on the guide's own thread, and only at the first prompt, so start-up
// stays fast and a missing device costs one log line, not a frozen screen.
class AudioGuide {
 public:
  // Sample rate prompts are played at; espeak-ng renders at this rate, other
  // files are converted.
  static constexpr int kRate = 22050;

  // `device_name` empty: the system's default output.
  AudioGuide(std::filesystem::path prompt_dir, std::string device_name);
  ~AudioGuide();
  AudioGuide(const AudioGuide&) = delete;
  AudioGuide& operator=(const AudioGuide&) = delete;

  // Plays <prompt_dir>/<prompt>.wav ("vi/home"), cutting any prompt still
  // playing. A prompt without a file is skipped.
  void play(std::string prompt);
  // Silences the guide and lets the device go until the next prompt.
  void stop();

 private:
  struct Request {
    std::string prompt;  // empty: stop
  };
  void work();
  void speak(const std::string& prompt);
  bool open_device();
  void close_device();

  const std::filesystem::path prompt_dir_;
  const std::string device_name_;
  // Guide thread only.
  bool sdl_audio_ = false;
  std::uint32_t device_ = 0;  // SDL_AudioDeviceID
  bool reported_unavailable_ = false;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Request> request_;  // only the newest one matters
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kiosk::app
