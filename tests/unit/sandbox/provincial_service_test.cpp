#include "sandbox/provincial_service.hpp"

#include <gtest/gtest.h>

#include "sandbox/openssl_handles.hpp"
#include "sandbox/problem.hpp"

namespace kiosk::sandbox {
namespace {

using namespace std::chrono;

constexpr const char* kAn = "052090000495";
constexpr const char* kNgoc = "052198000814";
constexpr const char* kMarriage = "1.000894.000.00.00.H34";
constexpr const char* kBirth = "1.001193.000.00.00.H34";
constexpr const char* kMaritalStatus = "1.004873.000.00.00.H34";
constexpr const char* kCertifiedCopy = "052090000495.KQ.G15.000021.02022024";  // never expires

const DemoData& demo() {
  static const DemoData data = DemoData::load(KIOSK_BINARY_DIR "/sandbox/demo/demo.json");
  return data;
}

template <class Fn>
std::string problem_code(Fn fn) {
  try {
    fn();
  } catch (const Problem& p) {
    return p.code();
  }
  return "none";
}

class ServiceTest : public ::testing::Test {
 protected:
  // Friday 2100-01-01 10:00 in Vietnam: papers with an end date have expired.
  system_clock::time_point now_ = sys_days{year{2100} / 1 / 1} + hours{3};
  StateStore store_{":memory:"};
  ProvincialService service_{demo(), store_, [this] { return now_; }};

  DossierBody body(const std::string& procedure, const std::string& owner = kAn) {
    DossierBody b;
    b.procedure_code = procedure;
    b.agency_id = "ubnd_le_loi";
    b.case_id = "c1";
    b.delivery_method = "at_office";
    b.owner.id = owner;
    b.owner.full_name = "Nguyễn Văn An";
    return b;
  }

  std::string upload(const std::string& dossier_id, const std::string& component, const std::string& data) {
    UploadBody u{"scan.pdf", data.size(), sha256_hex(data)};
    const std::string id = service_.create_upload(dossier_id, component, u).body["id"];
    service_.put_chunk(id, 0, sha256_hex(data), data);
    service_.finish_upload(id, sha256_hex(data));
    return id;
  }
};

TEST_F(ServiceTest, DemoDataHasTheCasesTheKioskNeeds) {
  EXPECT_GE(demo().citizens.size(), 6u);
  EXPECT_GE(demo().procedures.size(), 15u);
  std::set<std::string> statuses;
  std::set<std::string> kinds;
  for (const auto& item : demo().vault) {
    kinds.insert(item.meta["kind"]);
    kinds.insert(item.meta["vault_type"]);
  }
  StateStore store(":memory:");
  ProvincialService today(demo(), store, [] { return system_clock::now(); });
  for (const auto& item : demo().vault) {
    statuses.insert(today.item_status(item));
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"valid", "expired", "revoked"}));
  EXPECT_EQ(kinds, (std::set<std::string>{"result", "input", "personal", "agency"}));
}

TEST_F(ServiceTest, ExpiredPapersAreNotSuggested) {
  StateStore store(":memory:");
  ProvincialService today(demo(), store, [] { return system_clock::now(); });
  const auto now = today.suggestions(kAn, kMarriage).body["components"];
  EXPECT_EQ(now[1]["matches"].size(), 1u);  // one valid marriage status paper: attach it
  EXPECT_EQ(now[2]["matches"].size(), 2u);  // two identity papers: let the citizen choose
  const auto later = service_.suggestions(kAn, kMarriage).body["components"];
  EXPECT_EQ(later[1]["matches"].size(), 0u);  // in 2100 it has expired: scan
  EXPECT_EQ(later[2]["matches"].size(), 1u);  // the certified copy does not expire
}

TEST_F(ServiceTest, SubmitNumbersDossiersPerAgencyAndDay) {
  const std::string pdf = "%PDF-1.7\nscan";
  std::vector<std::string> codes;
  for (int i = 0; i < 2; ++i) {
    const std::string id = service_.create_dossier(body(kMaritalStatus)).body["id"];
    service_.attach_vault_item(id, "tp2", kCertifiedCopy);
    upload(id, "tp1", pdf);
    const auto r = service_.submit(id).body;
    codes.push_back(r["dossier_code"]);
    EXPECT_EQ(r["appointment_date"], "2100-01-06");  // three working days after a Friday
    EXPECT_EQ(r["received_at"], "2100-01-01T10:00:00+07:00");
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"H34.29.5-000101-0001", "H34.29.5-000101-0002"}));
}

TEST_F(ServiceTest, UseCountMovesOncePerSubmittedDossier) {
  const int before = service_.vault_item(kAn, kCertifiedCopy).body["times_used"];
  const std::string id = service_.create_dossier(body(kMaritalStatus)).body["id"];
  const auto component = service_.attach_vault_item(id, "tp2", kCertifiedCopy).body;
  EXPECT_EQ(component["attachment"]["note"], "Dữ liệu được lấy từ kho số hóa");
  upload(id, "tp1", "%PDF-1.7\n");
  EXPECT_EQ(service_.vault_item(kAn, kCertifiedCopy).body["times_used"], before);
  const auto first = service_.submit(id).body;
  const auto second = service_.submit(id).body;
  EXPECT_EQ(first, second);
  EXPECT_EQ(service_.vault_item(kAn, kCertifiedCopy).body["times_used"], before + 1);
  EXPECT_EQ(problem_code([&] { service_.detach(id, "tp2"); }), "dossier_already_submitted");
  EXPECT_EQ(service_.status(first["dossier_code"]).body["state_name"], "Đã tiếp nhận");
  EXPECT_EQ(service_.dossiers_of(kAn).body["dossiers"].size(), 1u);
}

TEST_F(ServiceTest, AttachRefusesWhatTheRulesForbid) {
  const std::string id = service_.create_dossier(body(kMarriage)).body["id"];
  EXPECT_EQ(
      problem_code([&] { service_.attach_vault_item(id, "tp2", "052090000495.KQ.G03.000045.15092024"); }),
      "vault_item_expired");
  EXPECT_EQ(problem_code([&] { service_.attach_vault_item(id, "tp2", kCertifiedCopy); }),
            "vault_item_not_accepted");
  EXPECT_EQ(
      problem_code([&] { service_.attach_vault_item(id, "tp3", "052198000814.KQ.G02.000144.CS10387"); }),
      "vault_item_not_owned");
  EXPECT_EQ(problem_code([&] { service_.attach_vault_item(id, "tpx", kCertifiedCopy); }),
            "component_not_found");
  EXPECT_EQ(problem_code([&] { service_.submit(id); }), "components_missing");
  const std::string ngoc = service_.create_dossier(body(kBirth, kNgoc)).body["id"];
  std::string revoked;
  for (const auto& item : demo().vault) {
    if (item.revoked) {
      revoked = item.code;
    }
  }
  EXPECT_EQ(problem_code([&] { service_.attach_vault_item(ngoc, "tp3", revoked); }), "vault_item_revoked");
}

TEST_F(ServiceTest, ResumableUploadChecksEveryStep) {
  const std::string id = service_.create_dossier(body(kMarriage)).body["id"];
  const std::string data = "%PDF-1.7\n" + std::string(3000, 'x');
  const UploadBody u{"scan.pdf", data.size(), sha256_hex(data)};
  const std::string up = service_.create_upload(id, "tp1", u).body["id"];
  const std::string a = data.substr(0, 1000);
  const std::string b = data.substr(1000);
  EXPECT_EQ(service_.put_chunk(up, 0, sha256_hex(a), a).body["offset"], 1000);
  EXPECT_EQ(service_.put_chunk(up, 0, sha256_hex(a), a).body["offset"], 1000);  // retried chunk
  try {
    service_.put_chunk(up, 0, sha256_hex(b), b);
    FAIL() << "overlapping different bytes accepted";
  } catch (const Problem& p) {
    EXPECT_EQ(p.code(), "upload_offset_mismatch");
    EXPECT_EQ(p.extra()["offset"], 1000);
  }
  EXPECT_EQ(problem_code([&] { service_.put_chunk(up, 1000, sha256_hex(a), b); }), "chunk_digest_mismatch");
  EXPECT_EQ(problem_code([&] { service_.finish_upload(up, u.sha256); }), "upload_incomplete");
  EXPECT_EQ(service_.put_chunk(up, 1000, sha256_hex(b), b).body["complete"], true);
  EXPECT_EQ(problem_code([&] { service_.finish_upload(up, std::string(64, '0')); }),
            "upload_digest_mismatch");
  const auto component = service_.finish_upload(up, u.sha256).body;
  EXPECT_EQ(component["attachment"]["source"], "upload");
  EXPECT_EQ(component["attachment"]["file"]["size"], data.size());
  EXPECT_EQ(service_.dossier(id).body["components"][0]["attachment"]["upload_id"], up);
}

TEST_F(ServiceTest, FeedbackGoesToTheIssuingAgency) {
  const auto fb = service_.report(kAn, kCertifiedCopy, {"not_my_result", ""});
  EXPECT_EQ(fb.status, 201);
  EXPECT_EQ(fb.body["forwarded_to"], "UBND Phường Lê Lợi");
  EXPECT_EQ(fb.body["reason_name"], "Không phải kết quả của công dân");
  EXPECT_EQ(store_.feedback_count(kCertifiedCopy), 1u);
  EXPECT_EQ(problem_code([&] {
              service_.report(kNgoc, kCertifiedCopy, {"not_my_result", ""});
            }),
            "vault_item_not_found");
}

TEST_F(ServiceTest, RatingsAreStoredInOrder) {
  EXPECT_EQ(service_.rate({5, "H34.29.5-210101-0001"}, "kiosk-01").status, 201);
  EXPECT_EQ(service_.rate({2, ""}, "kiosk-02").status, 201);
  const auto list = service_.ratings().body.at("ratings");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("stars"), 5);
  EXPECT_EQ(list[0].at("dossier_code"), "H34.29.5-210101-0001");
  EXPECT_EQ(list[0].at("device_id"), "kiosk-01");
  EXPECT_TRUE(list[1].at("dossier_code").is_null());
}

// Older records carry the 9-digit CMND number; it finds the same citizen.
TEST_F(ServiceTest, DossiersAreFoundByTheFormerCmndNumber) {
  EXPECT_EQ(service_.dossiers_of("215123456").body.at("owner_id"), kAn);
  EXPECT_EQ(problem_code([&] { service_.dossiers_of("999999999"); }), "citizen_not_found");
}

TEST_F(ServiceTest, ContactStartsFromThePopulationRecordWithoutConsent) {
  const auto before = service_.contact(kAn).body;
  EXPECT_EQ(before["phone"], "0905123456");
  EXPECT_EQ(before["consent"], false);
  ContactBody c;
  c.phone = "0905000000";
  c.channels = {"zalo"};
  c.consent = true;
  service_.put_contact(kAn, c);
  const auto after = service_.contact(kAn).body;
  EXPECT_EQ(after["phone"], "0905000000");
  EXPECT_EQ(after["consent_at"], "2100-01-01T10:00:00+07:00");
}

TEST_F(ServiceTest, LookupsRefuseBadIdentifiers) {
  EXPECT_EQ(problem_code([&] { service_.citizen("abc"); }), "invalid_citizen_id");
  EXPECT_EQ(problem_code([&] { service_.citizen("000000000000"); }), "citizen_not_found");
  EXPECT_EQ(problem_code([&] { service_.dossier("../../etc"); }), "dossier_not_found");
  EXPECT_EQ(problem_code([&] { service_.upload("x"); }), "upload_not_found");
  EXPECT_EQ(problem_code([&] { service_.status("H34-1-1"); }), "dossier_not_found");
  EXPECT_EQ(problem_code([&] { service_.procedure("1.000000.000.00.00.H34"); }), "procedure_not_found");
}

TEST_F(ServiceTest, SearchIgnoresAccentsAndCase) {
  EXPECT_EQ(service_.vault(kAn, "GIAY KHAI SINH", "", "", "").body["items"].size(), 1u);
  EXPECT_EQ(service_.vault(kAn, "", "", "input", "").body["items"].size(), 1u);
  EXPECT_EQ(service_.procedures("dang ky ket hon", "").body["procedures"].size(), 1u);
  EXPECT_EQ(service_.procedures("", "ho tich").body["procedures"].size(), 8u);
}

}  // namespace
}  // namespace kiosk::sandbox
