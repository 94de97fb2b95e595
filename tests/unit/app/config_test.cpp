#include "kiosk/app/config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace kiosk::app {
namespace {

std::string error_key(std::string_view toml) {
  try {
    parse_config(toml);
  } catch (const ConfigError& error) {
    return error.key();
  }
  return "no error";
}

TEST(Config, ExampleFileParsesToTheDefaults) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/assets/kiosk.example.toml");
  std::stringstream text;
  text << in.rdbuf();
  ASSERT_FALSE(text.str().empty());
  const Config parsed = parse_config(text.str());
  const Config defaults = default_config();
  EXPECT_EQ(parsed.fullscreen, defaults.fullscreen);
  EXPECT_EQ(parsed.dpi, defaults.dpi);
  EXPECT_EQ(parsed.idle.warn_after, defaults.idle.warn_after);
  EXPECT_EQ(parsed.idle.countdown, defaults.idle.countdown);
  EXPECT_EQ(parsed.api_base_url, defaults.api_base_url);
  EXPECT_EQ(parsed.font, defaults.font);
  EXPECT_EQ(parsed.printer, defaults.printer);
}

TEST(Config, ReadsValues) {
  const Config config = parse_config(R"(
[display]
fullscreen = false
dpi = 160.5
[ui]
language = "en"
[session]
idle_warning_seconds = 30
[api]
base_url = "https://api.example.vn"
)");
  EXPECT_FALSE(config.fullscreen);
  EXPECT_FLOAT_EQ(config.dpi, 160.5f);
  EXPECT_EQ(config.language, Language::English);
  EXPECT_EQ(config.idle.warn_after, std::chrono::seconds(30));
  EXPECT_EQ(config.api_base_url, "https://api.example.vn");
}

TEST(Config, BadValuesNameTheirKey) {
  EXPECT_EQ(error_key("[display]\ndpi = 10\n"), "display.dpi");
  EXPECT_EQ(error_key("[display]\nfullscreen = \"yes\"\n"), "display.fullscreen");
  EXPECT_EQ(error_key("[ui]\nlanguage = \"fr\"\n"), "ui.language");
  EXPECT_EQ(error_key("[session]\nidle_warning_seconds = -1\n"), "session.idle_warning_seconds");
  EXPECT_EQ(error_key("[api]\nbase_url = \"ftp://x\"\n"), "api.base_url");
  EXPECT_EQ(error_key("[devices]\nprinter = \"laser\"\n"), "devices.printer");
  EXPECT_EQ(error_key("[display]\ndpii = 96\n"), "display.dpii");
  EXPECT_EQ(error_key("[displai]\n"), "displai");
  EXPECT_EQ(error_key("display = 3\n"), "display");
  EXPECT_EQ(error_key("[display\n"), "line 1");
  EXPECT_EQ(error_key("[api]\nbearer_token = \"a b\"\n"), "api.bearer_token");
  EXPECT_EQ(error_key("[api]\nclient_cert = \"/etc/kiosk/device.pem\"\n"), "api.client_key");
  EXPECT_EQ(error_key("[api]\nclient_key = \"handle:0x81000001\"\n"), "api.client_cert");
  EXPECT_EQ(error_key("[api]\nca_bundle = 3\n"), "api.ca_bundle");
  EXPECT_EQ(error_key("[devices]\ncamera = \"webcam\"\n"), "devices.camera");
  EXPECT_EQ(error_key("[devices]\ncsca_dir = false\n"), "devices.csca_dir");
  EXPECT_EQ(error_key("[receipt]\nlookup_url = \"tra-cuu\"\n"), "receipt.lookup_url");
  EXPECT_EQ(error_key("[receipt]\ncenter_name = \"\"\n"), "receipt.center_name");
  EXPECT_EQ(error_key("[devices]\nscanner = \"genesys\"\n"), "devices.scanner");
  EXPECT_EQ(error_key("[devices]\nsign_key = \"/etc/kiosk/device.key\"\n"), "devices.sign_cert");
  EXPECT_EQ(error_key("[staff]\nfile = 1\n"), "staff.file");
}

TEST(Config, ReadsApiAuthenticationAndDevices) {
  const Config config = parse_config(R"(
[api]
base_url = "https://api.example.vn"
bearer_token = "kiosk-sandbox-dev-token"
ca_bundle = "/etc/kiosk/provincial-ca.pem"
client_cert = "/etc/kiosk/device.pem"
client_key = "handle:0x81000001"
[devices]
csca_dir = "/etc/kiosk/csca"
camera = "dir:/srv/qr"
)");
  EXPECT_EQ(config.api_bearer_token, "kiosk-sandbox-dev-token");
  EXPECT_EQ(config.api_ca_bundle, "/etc/kiosk/provincial-ca.pem");
  EXPECT_EQ(config.api_client_cert, "/etc/kiosk/device.pem");
  EXPECT_EQ(config.api_client_key, "handle:0x81000001");
  EXPECT_EQ(config.csca_dir, "/etc/kiosk/csca");
  EXPECT_EQ(config.camera, "dir:/srv/qr");
  EXPECT_TRUE(parse_config("[devices]\ncamera = \"\"\n").camera.empty());
}

TEST(Config, TellsKeyUrisFromKeyFiles) {
  EXPECT_TRUE(is_key_uri("handle:0x81000001"));
  EXPECT_TRUE(is_key_uri("file:/etc/kiosk/device.key"));
  EXPECT_TRUE(is_key_uri("pkcs11:token=kiosk"));
  EXPECT_FALSE(is_key_uri("/etc/kiosk/device.key"));
  EXPECT_FALSE(is_key_uri("./device.key"));
  EXPECT_FALSE(is_key_uri("device.key"));
}

TEST(Config, AudioGuidancePlaysOnTheConfiguredDevice) {
  EXPECT_TRUE(default_config().audio_device.empty());  // the system's default output
  const Config config = parse_config("[ui]\naudio = true\naudio_device = \"USB Headset\"\n");
  EXPECT_TRUE(config.audio);
  EXPECT_EQ(config.audio_device, "USB Headset");
  EXPECT_EQ(error_key("[ui]\naudio_device = 3\n"), "ui.audio_device");
  // Prompts play in-process; an external player is no longer configurable.
  EXPECT_EQ(error_key("[ui]\naudio_player = \"aplay -q\"\n"), "ui.audio_player");
}

TEST(Config, OutboxKeyIsAFileOrTheTpm) {
  EXPECT_TRUE(default_config().store_key.empty());  // file:<data_dir>/outbox.key
  EXPECT_EQ(parse_config("[store]\nkey = \"tpm:device:/dev/tpmrm0\"\n").store_key, "tpm:device:/dev/tpmrm0");
  EXPECT_EQ(parse_config("[store]\nkey = \"file:/etc/kiosk/outbox.key\"\n").store_key,
            "file:/etc/kiosk/outbox.key");
  EXPECT_EQ(error_key("[store]\nkey = \"/etc/kiosk/outbox.key\"\n"), "store.key");
  EXPECT_EQ(error_key("[store]\nkey = \"pkcs11:token=kiosk\"\n"), "store.key");
}

}  // namespace
}  // namespace kiosk::app
