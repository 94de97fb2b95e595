// The kiosk-qr program on generated pictures, as an operator would run it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "drivers/camera/image_file.hpp"
#include "test_images.hpp"

namespace {

struct ToolRun {
  int status = -1;
  std::string out;
};

ToolRun run(const std::string& command) {
  ToolRun r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return r;
  }
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) {
    r.out.append(buf, n);
  }
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(KioskQrTool, PrintsParsedFieldsAndTimesAsJson) {
  const std::filesystem::path dir = std::filesystem::path(KIOSK_BINARY_DIR) / "kiosk-qr-tool-test";
  std::filesystem::create_directories(dir);
  for (const auto& t : kiosk::qr::testing::make_test_set(KIOSK_SOURCE_DIR, 1, 1)) {
    if (t.kind == "clean" || t.kind == "two" || t.kind == "none") {
      ASSERT_TRUE(kiosk::camera::write_png(dir / (t.kind + ".png"), t.image.width, t.image.height, 1,
                                           t.image.pixels));
    }
  }
  std::ofstream(dir / "junk.png") << "not a picture";

  const std::string tool = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-qr";
  const ToolRun r = run(tool + " decode " + (dir / "clean.png").string() + " " + (dir / "two.png").string() +
                        " " + (dir / "none.png").string() + " --json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.size(), 3u);

  const auto& clean = doc[0];
  ASSERT_EQ(clean["codes"].size(), 1u);
  EXPECT_EQ(clean["codes"][0]["kind"], "cccd");
  EXPECT_EQ(clean["codes"][0]["fields"]["id"], "052090000495");
  EXPECT_EQ(clean["codes"][0]["fields"]["full_name"], "Nguyễn Văn An");
  EXPECT_EQ(clean["codes"][0]["mrz"]["date_of_expiry"], "300315");
  EXPECT_GE(clean["ms"].get<double>(), 0.0);

  const auto& two = doc[1];
  ASSERT_EQ(two["codes"].size(), 2u);
  const auto& none = doc[2];
  EXPECT_TRUE(none["codes"].empty());
  EXPECT_EQ(none["hint"], "no_code_seen");

  const ToolRun bad = run(tool + " decode " + (dir / "junk.png").string() + " 2>&1");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find("cannot read picture"), std::string::npos) << bad.out;

  EXPECT_EQ(run(tool + " 2>/dev/null").status, 2);
}

}  // namespace
