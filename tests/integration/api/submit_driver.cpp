// Submits one application (or drains the outbox) against a provincial API;
// the crash test kills it at random points.
#include <cstdio>
#include <cstring>
#include <string>

#include "fixture.hpp"
#include "kiosk/api/submission_service.hpp"

int main(int argc, char** argv) {
  if (argc != 5 || (std::strcmp(argv[1], "submit") != 0 && std::strcmp(argv[1], "drain") != 0)) {
    std::fprintf(stderr, "usage: %s submit|drain URL DB KEYFILE\n", argv[0]);
    return 2;
  }
  auto wrapper = kiosk::store::FileKeyWrapper::open(argv[4]);
  if (!wrapper) {
    return 3;
  }
  auto outbox = kiosk::store::Outbox::open(argv[3], *wrapper);
  if (!outbox) {
    std::fprintf(stderr, "outbox: %s\n", outbox.error().detail.c_str());
    return 3;
  }
  kiosk::api::CurlProvincialApi api(kiosk::test::config_for(argv[2]));
  kiosk::api::SubmissionService service(api, **outbox, nullptr, {.device_id = "K01"});
  if (std::strcmp(argv[1], "drain") == 0) {
    auto delivered = service.drain();
    return delivered ? 0 : 1;
  }
  auto receipt = service.submit(kiosk::test::marriage_application(256 * 1024));
  if (!receipt) {
    return 1;
  }
  std::printf("%s %s\n", receipt->pending ? "pending" : "accepted",
              receipt->pending ? receipt->local_reference.c_str() : receipt->dossier_code.c_str());
  return 0;
}
