#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/key_wrapper.hpp"
#include "temp_dir.hpp"

namespace kiosk::store {
namespace {

struct Run {
  int exit_code = -1;
  std::string output;
};

Run kiosk_audit(const std::string& args) {
  const std::string command = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-audit " + args + " 2>&1";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return run;
  }
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
    run.output += buffer.data();
  }
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto secret = read_or_create_secret(secret_path);
    ASSERT_TRUE(secret.ok());
    auto log = AuditLog::open(db_path, *secret);
    ASSERT_TRUE(log.ok());
    for (int i = 0; i < 6; ++i) {
      ASSERT_TRUE((*log)->record("session_start", "", "chip").ok());
    }
  }

  test::TempDir dir;
  std::string db_path = dir.file("audit.db");
  std::string secret_path = dir.file("device.secret");
};

TEST_F(AuditCliTest, UntouchedLogVerifies) {
  const auto run = kiosk_audit("verify --db " + db_path + " --secret " + secret_path);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("chain intact"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("anchor MAC checked"), std::string::npos) << run.output;
}

TEST_F(AuditCliTest, DeletedTailIsReported) {
  {
    auto db = Database::open(db_path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->exec("DELETE FROM audit WHERE seq > 3").ok());
  }
  const auto run = kiosk_audit("verify --db " + db_path);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("3 records missing at the end"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace kiosk::store
