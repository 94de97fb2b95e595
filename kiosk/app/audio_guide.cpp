#include "kiosk/app/audio_guide.hpp"

#include <SDL.h>
#include <spdlog/spdlog.h>

#include <utility>

#include "kiosk/app/audio_clip.hpp"

namespace kiosk::app {

AudioGuide::AudioGuide(std::filesystem::path prompt_dir, std::string device_name)
    : prompt_dir_(std::move(prompt_dir)), device_name_(std::move(device_name)), thread_([this] { work(); }) {}

AudioGuide::~AudioGuide() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AudioGuide::play(std::string prompt) {
  if (prompt.empty()) {
    return;
  }
  {
    std::lock_guard lock(mutex_);
    request_ = Request{std::move(prompt)};
  }
  wake_.notify_one();
}

void AudioGuide::stop() {
  {
    std::lock_guard lock(mutex_);
    request_ = Request{};
  }
  wake_.notify_one();
}

void AudioGuide::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || request_.has_value(); });
    if (stopping_) {
      break;
    }
    const Request request = std::move(*request_);
    request_.reset();
    lock.unlock();
    if (request.prompt.empty()) {
      close_device();
    } else {
      speak(request.prompt);
    }
    lock.lock();
  }
  lock.unlock();
  close_device();
  if (sdl_audio_) {
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
  }
  // SDL keeps per-thread state (its error text) that only its own threads
  // free on exit.
  SDL_TLSCleanup();
}

void AudioGuide::speak(const std::string& prompt) {
  const auto file = prompt_dir_ / (prompt + ".wav");
  auto clip = load_wav(file);
  if (!clip) {
    spdlog::warn("audio prompt {}: {}", prompt, clip.error().detail);
    return;
  }
  if (!open_device()) {
    return;
  }
  const AudioClip playable = resample(clip.value(), kRate);
  // The prompt of the screen now shown replaces whatever is still queued.
  SDL_ClearQueuedAudio(device_);
  if (SDL_QueueAudio(device_, playable.samples.data(),
                     static_cast<Uint32>(playable.samples.size() * sizeof(std::int16_t))) != 0) {
    spdlog::warn("audio prompt {}: {}", prompt, SDL_GetError());
  }
}

bool AudioGuide::open_device() {
  if (device_ != 0) {
    return true;
  }
  if (!sdl_audio_) {
    sdl_audio_ = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
  }
  if (sdl_audio_) {
    SDL_AudioSpec wanted{};
    wanted.freq = kRate;
    wanted.format = AUDIO_S16SYS;
    wanted.channels = 1;
    wanted.samples = 1024;  // about 46 ms: a new prompt cuts in quickly
    // No allowed changes: SDL converts to whatever the hardware needs.
    device_ =
        SDL_OpenAudioDevice(device_name_.empty() ? nullptr : device_name_.c_str(), 0, &wanted, nullptr, 0);
  }
  if (device_ == 0) {
    // Once per outage: a kiosk without speakers must not fill its log.
    if (!reported_unavailable_) {
      spdlog::warn("audio guidance: no output device {}: {}",
                   device_name_.empty() ? "(default)" : device_name_, SDL_GetError());
      reported_unavailable_ = true;
    }
    return false;
  }
  reported_unavailable_ = false;
  SDL_PauseAudioDevice(device_, 0);
  return true;
}

void AudioGuide::close_device() {
  if (device_ != 0) {
    SDL_CloseAudioDevice(device_);
    device_ = 0;
  }
}

}  // namespace kiosk::app
