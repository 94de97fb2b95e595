// kiosk: the self-service kiosk's touch application.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "kiosk/app/config.hpp"
#include "kiosk/app/display.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/service_manager.hpp"
#include "kiosk/app/startup_timing.hpp"
#include "screens/catalog.hpp"

int main(int argc, char** argv) {
  kiosk::app::StartupTiming::mark("main");
  CLI::App cli{"Self-service kiosk for public services (CCCD)"};
  std::string config_file;
  std::string window;
  bool automation = false;
  cli.add_option("--config", config_file, "configuration file (default /etc/kiosk/kiosk.toml if present)");
  cli.add_option("--window", window, "run in a window of WxH pixels instead of full screen, e.g. 1280x800");
  cli.add_flag("--automation", automation,
               "accept test commands on stdin (tap, type, wait-screen, screenshot)");
  CLI11_PARSE(cli, argc, argv);

  // stdout carries automation answers only; logs go to stderr.
  spdlog::set_default_logger(kiosk::app::make_kiosk_logger());

  kiosk::app::Config config;
  try {
    if (config_file.empty() && std::filesystem::exists("/etc/kiosk/kiosk.toml")) {
      config_file = "/etc/kiosk/kiosk.toml";
    }
    config = config_file.empty() ? kiosk::app::default_config() : kiosk::app::load_config(config_file);
    if (!window.empty()) {
      int w = 0;
      int h = 0;
      char x = 0;
      char extra = 0;
      if (std::sscanf(window.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' || w < 320 ||
          h < 240) {
        throw kiosk::app::ConfigError("--window", "must be WIDTHxHEIGHT, e.g. 1280x800");
      }
      config.fullscreen = false;
      config.width = w;
      config.height = h;
    }
  } catch (const kiosk::app::ConfigError& error) {
    std::cerr << "kiosk: configuration error in " << (config_file.empty() ? "defaults" : config_file) << ": "
              << error.what() << "\n";
    return 2;
  }

  kiosk::app::StartupTiming::mark("configuration read");

  try {
    const auto catalog = kiosk::ui::Catalog::load(config.messages_dir);
    kiosk::app::StartupTiming::mark("message catalogs read");
    kiosk::app::Display display(config);
    kiosk::app::StartupTiming::mark("display ready");
    kiosk::app::KioskApp app(config, catalog, display, automation);
    kiosk::app::StartupTiming::mark("session and effect runner ready");
    return app.run();
  } catch (const std::exception& error) {
    std::cerr << "kiosk: " << error.what() << "\n";
    return 1;
  }
}
