// Time from "submit" to receipt for a 3-component application (one 2 MB
// scan, two vault items) against a provincial API; prints the median in ms.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "kiosk/api/submission_service.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s URL WORKDIR [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string url = argv[1];
  const std::filesystem::path work = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 10;
  auto wrapper = kiosk::store::FileKeyWrapper::open((work / "device.key").string());
  auto outbox = kiosk::store::Outbox::open((work / "kiosk.db").string(), *wrapper);
  if (!wrapper || !outbox) {
    return 3;
  }
  auto config = kiosk::test::config_for(url);
  config.upload_chunk = 1024 * 1024;
  kiosk::api::CurlProvincialApi api(config);
  kiosk::api::SubmissionService service(api, **outbox, nullptr, {.device_id = "BENCH"});
  std::vector<double> ms;
  for (int i = 0; i < runs + 1; ++i) {
    auto application = kiosk::test::marriage_application(2 * 1024 * 1024);
    const auto start = std::chrono::steady_clock::now();
    auto receipt = service.submit(application);
    const auto end = std::chrono::steady_clock::now();
    if (!receipt || receipt->pending) {
      std::fprintf(stderr, "submission failed: %s\n", receipt ? "pending" : receipt.error().detail.c_str());
      return 1;
    }
    if (i > 0) {  // the first run opens the connection and warms the caches
      ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%.1f\n", ms[ms.size() / 2]);
  return 0;
}
