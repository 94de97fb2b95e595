#include <gtest/gtest.h>

#include "fixture.hpp"
#include "sandbox_process.hpp"

namespace kiosk::test {
namespace {

const std::string kPki = std::string(KIOSK_BINARY_DIR) + "/sandbox/pki/";

class MutualTls : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox = std::make_unique<Sandbox>(std::vector<std::string>{"--tls-cert", kPki + "server.pem",
                                                                 "--tls-key", kPki + "server.key",
                                                                 "--client-ca", kPki + "device-ca.pem"});
    ASSERT_EQ(sandbox->url().rfind("https://", 0), 0u) << sandbox->url();
  }

  api::ApiConfig device_config() {
    api::ApiConfig c = config_for(sandbox->url());
    c.bearer_token.clear();
    c.retry.max_attempts = 1;
    c.tls.ca_bundle = kPki + "server-ca.pem";
    c.tls.client_cert = kPki + "device.pem";
    c.tls.client_key = kPki + "device.key";
    return c;
  }

  std::unique_ptr<Sandbox> sandbox;
};

TEST_F(MutualTls, DeviceCertificateFromFilesIsAccepted) {
  api::CurlProvincialApi api(device_config());
  auto citizen = api.citizen(kCitizen);
  ASSERT_TRUE(citizen.ok()) << citizen.error().detail;
  EXPECT_EQ(citizen->id, kCitizen);
}

TEST_F(MutualTls, DeviceKeyThroughOsslStoreUriIsAccepted) {
  auto config = device_config();
  config.tls.client_key.clear();
  config.tls.client_key_uri = "file:" + kPki + "device.key";
  api::CurlProvincialApi api(config);
  auto citizen = api.citizen(kCitizen);
  ASSERT_TRUE(citizen.ok()) << citizen.error().detail;
}

TEST_F(MutualTls, WithoutDeviceCertificateTheServerRefuses) {
  auto config = device_config();
  config.tls.client_cert.clear();
  config.tls.client_key.clear();
  api::CurlProvincialApi api(config);
  EXPECT_FALSE(api.citizen(kCitizen).ok());
}

TEST_F(MutualTls, CertificateFromAnotherCaIsRefused) {
  auto config = device_config();
  config.tls.client_cert = kPki + "rogue-device.pem";
  config.tls.client_key = kPki + "rogue-device.key";
  api::CurlProvincialApi api(config);
  EXPECT_FALSE(api.citizen(kCitizen).ok());
}

TEST_F(MutualTls, ServerIsTrustedOnlyThroughTheConfiguredCa) {
  auto config = device_config();
  config.tls.ca_bundle = kPki + "commercial-ca.pem";
  api::CurlProvincialApi api(config);
  auto citizen = api.citizen(kCitizen);
  ASSERT_FALSE(citizen.ok());
  EXPECT_EQ(citizen.error().code, ErrorCode::ServerRefused);
}

}  // namespace
}  // namespace kiosk::test
