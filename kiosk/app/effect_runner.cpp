#include "kiosk/app/effect_runner.hpp"

#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>

#include <filesystem>
#include <sstream>

extern char** environ;

namespace kiosk::app {
namespace {

// Plays one pre-rendered prompt with the configured player, without a shell.
void play(const std::string& player, const std::filesystem::path& file) {
  std::istringstream words(player);
  std::vector<std::string> args;
  for (std::string word; words >> word;) {
    args.push_back(word);
  }
  args.push_back(file.string());
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    spdlog::warn("audio player {} cannot start", args.front());
    return;
  }
  int status = 0;
  waitpid(pid, &status, 0);
}

}  // namespace

EffectRunner::EffectRunner(const Config& config, EventQueue<DeviceEvent>& events)
    : config_(config), events_(events), worker_([this] { work(); }) {}

EffectRunner::~EffectRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void EffectRunner::run(Effect effect) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(effect));
  }
  wake_.notify_one();
}

void EffectRunner::work() {
  for (;;) {
    Effect effect;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) {
        return;
      }
      effect = std::move(queue_.front());
      queue_.pop_front();
    }
    execute(effect);
  }
}

void EffectRunner::execute(const Effect& effect) {
  std::visit(
      [this](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, effect::Audit>) {
          spdlog::info("audit {} {}", e.action, e.outcome);
        } else if constexpr (std::is_same_v<E, effect::PlayPrompt>) {
          const auto file = config_.audio_dir / (e.prompt + ".wav");
          if (std::filesystem::exists(file)) {
            play(config_.audio_player, file);
          }
        } else if constexpr (std::is_same_v<E, effect::WipeSession> ||
                             std::is_same_v<E, effect::StartQrScan> ||
                             std::is_same_v<E, effect::StopQrScan> ||
                             std::is_same_v<E, effect::CancelChipRead>) {
        } else {
          events_.post(event::OperationFailed{{ErrorCode::Internal, "device not connected in this build"}});
        }
      },
      effect);
}

}  // namespace kiosk::app
