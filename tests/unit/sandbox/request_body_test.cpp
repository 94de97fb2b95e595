#include "sandbox/request_body.hpp"

#include <gtest/gtest.h>

#include "sandbox/problem.hpp"

namespace kiosk::sandbox {
namespace {

std::string problem_code(const std::function<void()>& fn, std::string* pointer = nullptr) {
  try {
    fn();
  } catch (const Problem& p) {
    if (pointer != nullptr && p.extra().contains("errors")) {
      *pointer = p.extra()["errors"][0]["pointer"];
    }
    return p.code();
  }
  return "none";
}

constexpr const char* kDossier = R"({"procedure_code":"1.000894.000.00.00.H34","agency_id":"ubnd_le_loi",
  "case_id":"c1","delivery_method":"post","owner":{"id":"052090000495","full_name":"Nguyễn Văn An"}})";

TEST(RequestBody, ReadsADossier) {
  const auto d = parse_dossier_body(kDossier);
  EXPECT_EQ(d.procedure_code, "1.000894.000.00.00.H34");
  EXPECT_EQ(d.owner.full_name, "Nguyễn Văn An");
  EXPECT_FALSE(d.submitter);
  EXPECT_EQ(d.owner.to_json(), (nlohmann::json{{"id", "052090000495"}, {"full_name", "Nguyễn Văn An"}}));
}

TEST(RequestBody, PointsAtTheBadMember) {
  std::string pointer;
  auto body = nlohmann::json::parse(kDossier);
  body["owner"]["date_of_birth"] = "1990-02-30";
  EXPECT_EQ(problem_code([&] { parse_dossier_body(body.dump()); }, &pointer), "invalid_request");
  EXPECT_EQ(pointer, "/owner/date_of_birth");
  body = nlohmann::json::parse(kDossier);
  body["submitter"] = {{"id", "1"}, {"full_name", "x"}};
  EXPECT_EQ(problem_code([&] { parse_dossier_body(body.dump()); }, &pointer), "invalid_request");
  EXPECT_EQ(pointer, "/submitter/id");
  body = nlohmann::json::parse(kDossier);
  body["owner"]["nickname"] = "An";
  EXPECT_EQ(problem_code([&] { parse_dossier_body(body.dump()); }, &pointer), "invalid_request");
  EXPECT_EQ(pointer, "/owner/nickname");
  body = nlohmann::json::parse(kDossier);
  body.erase("case_id");
  EXPECT_EQ(problem_code([&] { parse_dossier_body(body.dump()); }, &pointer), "invalid_request");
  EXPECT_EQ(pointer, "/case_id");
}

TEST(RequestBody, MalformedJson) {
  EXPECT_EQ(problem_code([] { parse_dossier_body("{"); }), "invalid_json");
  EXPECT_EQ(problem_code([] { parse_dossier_body("[1]"); }), "invalid_json");
  EXPECT_EQ(problem_code([] { parse_dossier_body("\"\xFF\""); }), "invalid_json");
  EXPECT_EQ(problem_code([] { parse_dossier_body(std::string(kMaxJsonBody + 1, ' ')); }),
            "payload_too_large");
}

TEST(RequestBody, ContactNeedsConsentAndAddressesForChannels) {
  EXPECT_EQ(problem_code(
                [] { parse_contact_body(R"({"phone":"0905123456","channels":["sms"],"consent":false})"); }),
            "consent_required");
  EXPECT_EQ(problem_code([] { parse_contact_body(R"({"channels":["zalo"],"consent":true})"); }),
            "invalid_request");
  EXPECT_EQ(
      problem_code([] { parse_contact_body(R"({"phone":"905123456","channels":["sms"],"consent":true})"); }),
      "invalid_request");
  EXPECT_EQ(
      problem_code([] { parse_contact_body(R"({"email":"a@b","channels":["email"],"consent":true})"); }),
      "invalid_request");
  EXPECT_EQ(problem_code([] {
              parse_contact_body(R"({"phone":"0905123456","channels":["sms","sms"],"consent":true})");
            }),
            "invalid_request");
  const auto c = parse_contact_body(R"({"email":"an@example.vn","channels":["email"],"consent":true})");
  EXPECT_EQ(c.channels, std::vector<std::string>{"email"});
}

TEST(RequestBody, FeedbackReasonsAreTheThreeOfTheRules) {
  for (const char* reason :
       {"wrong_citizen_information", "not_my_result", "not_signed_by_government_cipher_committee"}) {
    EXPECT_EQ(parse_feedback_body(std::string(R"({"reason":")") + reason + "\"}").reason, reason);
  }
  EXPECT_EQ(problem_code([] { parse_feedback_body(R"({"reason":"ugly"})"); }), "invalid_request");
}

TEST(RequestBody, UploadLimits) {
  const std::string sha(64, 'a');
  EXPECT_EQ(parse_upload_body(R"({"file_name":"a.pdf","size":10,"sha256":")" + sha + "\"}").size, 10u);
  EXPECT_EQ(
      problem_code([&] { parse_upload_body(R"({"file_name":"a.pdf","size":0,"sha256":")" + sha + "\"}"); }),
      "invalid_request");
  EXPECT_EQ(problem_code([&] {
              parse_upload_body(R"({"file_name":"a.pdf","size":99999999999,"sha256":")" + sha + "\"}");
            }),
            "upload_too_large");
  EXPECT_EQ(problem_code([&] {
              parse_upload_body(R"({"file_name":"a.png","content_type":"image/png","size":1,"sha256":")" +
                                sha + "\"}");
            }),
            "unsupported_media_type");
  EXPECT_EQ(problem_code([] { parse_finish_body(R"({"sha256":"ABC"})"); }), "invalid_request");
}

TEST(RequestBody, IdentifierShapes) {
  EXPECT_TRUE(is_citizen_id("052090000495"));
  EXPECT_FALSE(is_citizen_id("05209000049"));
  EXPECT_TRUE(is_procedure_code("1.001193.000.00.00.H34"));
  EXPECT_FALSE(is_procedure_code("1.001193.000.00.H34"));
  EXPECT_TRUE(is_vault_item_code("052090000495.KQ.G15.000021.02022024"));
  EXPECT_TRUE(is_vault_item_code("052198000814.KQ.G02.000144.CS10387"));
  EXPECT_FALSE(is_vault_item_code("052090000495.XX.G15.000021.02022024"));
  EXPECT_FALSE(is_vault_item_code("052090000495.KQ.G15.000021."));
  EXPECT_TRUE(is_dossier_code("H34.29.2-230520-0001"));
  EXPECT_TRUE(is_dossier_code("H34.8-230305-0001"));
  EXPECT_FALSE(is_dossier_code("H34.29.2-23052-0001"));
  EXPECT_FALSE(is_dossier_code("34.29.2-230520-0001"));
}

}  // namespace
}  // namespace kiosk::sandbox
