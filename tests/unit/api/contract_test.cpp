#include "kiosk/api/contract.hpp"

#include <gtest/gtest.h>

#include "kiosk/api/application_codec.hpp"

namespace kiosk::api::contract {
namespace {

const char* kVaultList = R"({"owner_id":"052090000495","items":[{
  "code":"052090000495.KQ.G15.000021.02022024","name":"Giấy khai sinh","kind":"result","kind_name":"Kết quả giải quyết",
  "catalog":{"code":"G15","name":"Giấy khai sinh"},"vault_type":"agency","vault_type_name":"Kho",
  "file":{"name":"a.pdf","content_type":"application/pdf","size":1234,
          "sha256":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
  "owner_id":"052090000495","decision_number":"","summary":"","times_used":2,"valid_from":"2024-02-02",
  "valid_until":null,"validity_scope":"Toàn quốc","issuing_agency":"UBND","issue_date":"2024-02-02",
  "revoked":false,"status":"valid","signer":{"subject":"CN=A","issuer":"CN=B"}}]})";

TEST(Contract, ReadsAVaultList) {
  auto items = parse_vault_item_list(kVaultList);
  ASSERT_TRUE(items.ok()) << items.error().detail;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].catalog_code, "G15");
  EXPECT_EQ((*items)[0].file_size, 1234u);
  EXPECT_FALSE((*items)[0].valid_until.has_value());
  EXPECT_EQ((*items)[0].times_used, 2u);
}

// The server's verdict decides, even against dates that look valid to the
// kiosk, and a status added to the contract later keeps the vault readable.
TEST(Contract, ServerStatusWinsOverTheDates) {
  const auto today = CivilDate::from_ymd(2024, 6, 1);
  for (const auto& [status, usable] : std::vector<std::pair<std::string, bool>>{
           {"valid", true}, {"expired", false}, {"revoked", false}, {"suspended", false}}) {
    std::string doc = kVaultList;
    const std::string from = R"("status":"valid")";
    doc.replace(doc.find(from), from.size(), R"("status":")" + status + "\"");
    auto items = parse_vault_item_list(doc);
    ASSERT_TRUE(items.ok()) << status << ": " << items.error().detail;
    EXPECT_EQ((*items)[0].status, status);
    EXPECT_EQ((*items)[0].valid_on(today), usable) << status;
  }
}

TEST(Contract, AnswersOutsideTheContractAreBadResponse) {
  std::string doc = kVaultList;
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {R"("times_used":2)", R"("times_used":"2")"},
           {R"("times_used":2)", R"("times_used":-2)"},
           {R"("status":"valid")", R"("status":"Valid!")"},
           {R"("status":"valid")", R"("status":"")"},
           {R"("size":1234)", R"("size":0)"},
           {R"("valid_from":"2024-02-02")", R"("valid_from":"02/02/2024")"},
           {R"("owner_id":"052090000495","items")", R"("items")"},
           {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "xyz"}}) {
    std::string bad = doc;
    bad.replace(bad.find(from), from.size(), to);
    auto r = parse_vault_item_list(bad);
    ASSERT_FALSE(r.ok()) << to;
    EXPECT_EQ(r.error().code, ErrorCode::BadResponse);
  }
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, doc.size() / 2, doc.size() - 1}) {
    EXPECT_EQ(parse_vault_item_list(doc.substr(0, cut)).error().code, ErrorCode::BadResponse);
  }
  EXPECT_EQ(parse_vault_item_list("[]").error().code, ErrorCode::BadResponse);
  EXPECT_EQ(parse_vault_item_list(std::string(kMaxJsonBody + 1, ' ')).error().code, ErrorCode::BadResponse);
}

TEST(Contract, ReadsAReceipt) {
  auto r = parse_receipt(R"({"dossier_id":"DOS-0001abcd","dossier_code":"H34.29.2-261123-0001",
    "procedure_code":"1.001193.000.00.00.H34","procedure_name":"Đăng ký khai sinh","agency_name":"UBND",
    "owner_name":"A","received_at":"2026-11-23T10:00:00+07:00","appointment_date":"2026-11-24","state":"received",
    "reused_items":["052090000495.KQ.G15.000021.02022024"]})");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->dossier_code, "H34.29.2-261123-0001");
  EXPECT_EQ(r->appointment, CivilDate::from_ymd(2026, 11, 24));
  EXPECT_EQ(r->received, CivilDate::from_ymd(2026, 11, 23));
  EXPECT_FALSE(r->pending);
}

TEST(Contract, Patterns) {
  EXPECT_TRUE(is_dossier_code("H34.29.2-230520-0001"));
  EXPECT_TRUE(is_dossier_code("H34-230520-0001"));
  EXPECT_FALSE(is_dossier_code("H34..2-230520-0001"));
  EXPECT_FALSE(is_dossier_code("h34.29.2-230520-0001"));
  EXPECT_TRUE(is_vault_item_code("052090000495.KQ.G15.000021.02022024"));
  EXPECT_FALSE(is_vault_item_code("052090000495.XX.G15.000021.02022024"));
  EXPECT_FALSE(is_vault_item_code("052090000495.KQ.G15.000021."));
  EXPECT_TRUE(is_procedure_code("1.001193.000.00.00.H34"));
  EXPECT_FALSE(is_procedure_code("1.001193.000.00.00.h34"));
  EXPECT_TRUE(is_identifier("DOS-0001abcd"));
  EXPECT_FALSE(is_identifier("../../x"));
}

TEST(Contract, ProblemCarriesOffsetAndRetryAfter) {
  auto p = parse_problem(
      R"({"type":"x","title":"t","status":409,"code":"upload_offset_mismatch","offset":1048576})");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->code, "upload_offset_mismatch");
  EXPECT_EQ(p->offset, 1048576u);
  EXPECT_FALSE(parse_problem("{\"code\":5}").has_value());
  EXPECT_FALSE(parse_problem("<html>").has_value());
}

TEST(ApplicationCodec, RoundTripsAndRefusesDamage) {
  ApplicationDraft d;
  d.procedure_code = "1.001193.000.00.00.H34";
  d.applicant.id_number = "052090000495";
  d.applicant.full_name = "Nguyễn Văn An";
  d.applicant.date_of_birth = CivilDate::from_ymd(1990, 3, 15);
  d.components = {{"tp1", "052090000495.KQ.G15.000021.02022024", {}, true}, {"tp2", "", {1, 2, 3}, false}};
  d.contact = {true, "0905123456", "", true, false};
  const auto bytes = encode_application(d);
  auto back = decode_application(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->applicant.full_name, d.applicant.full_name);
  EXPECT_EQ(back->applicant.date_of_birth, d.applicant.date_of_birth);
  EXPECT_EQ(back->components[1].scanned_pdf, (std::vector<std::uint8_t>{1, 2, 3}));
  EXPECT_TRUE(back->contact.sms);
  for (std::size_t cut = 0; cut < bytes.size(); cut += 7) {
    EXPECT_FALSE(decode_application(std::span(bytes).first(cut)).ok()) << cut;
  }
}

}  // namespace
}  // namespace kiosk::api::contract
