#pragma once

// The session under test and the demo citizen, procedure and vault the
// session tests share.

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/session.hpp"

namespace kiosk {

using namespace std::chrono_literals;  // NOLINT(google-global-names-in-headers)
using Clock = Session::Clock;

template <class E>
bool has(const std::vector<Effect>& effects) {
  return std::any_of(effects.begin(), effects.end(),
                     [](const Effect& e) { return std::holds_alternative<E>(e); });
}

inline CitizenIdentity an() {
  CitizenIdentity c;
  c.id_number = "052090000495";
  c.full_name = "Nguyễn Văn An";
  c.date_of_birth = CivilDate::from_ymd(1990, 3, 15);
  return c;
}

inline ChipAccessInputs an_access() {
  return {"052090000495", CivilDate::from_ymd(1990, 3, 15), CivilDate::from_ymd(2030, 3, 15)};
}

inline Procedure birth() {
  Procedure p;
  p.code = "1.001193.000.00.00.H34";
  p.name = "Đăng ký khai sinh";
  p.components = {{"to_khai", "Tờ khai", 1, PaperForm::Original, false, {"TK01"}},
                  {"chung_sinh", "Giấy chứng sinh", 1, PaperForm::Original, false, {"G30"}},
                  {"ket_hon", "Giấy chứng nhận kết hôn", 1, PaperForm::Copy, false, {"G04"}}};
  p.cases = {{"c1", "Trong ngày - KHÔNG xác minh", 0}, {"c2", "03 ngày làm việc - CÓ xác minh", 3}};
  p.agency_id = "ubnd_nhon_phu";
  p.agency_name = "UBND Phường Nhơn Phú";
  return p;
}

inline VaultItem vault_item(std::string code, std::string catalog) {
  VaultItem v;
  v.code = std::move(code);
  v.catalog_code = std::move(catalog);
  v.owner_id = "052090000495";
  v.issue_date = CivilDate::from_ymd(2025, 1, 1);
  return v;
}

class SessionTest : public ::testing::Test {
 protected:
  Session session{IdlePolicy{60s, 20s, 8s}, [] { return CivilDate::from_ymd(2026, 11, 23); }};
  Clock::time_point now = Clock::time_point{} + 1000s;

  std::vector<Effect> act(const Intent& i) { return session.handle(i, now); }
  std::vector<Effect> report(const DeviceEvent& e) { return session.handle(e, now); }
  const SessionView& view() { return session.view(); }

  void identify_by_chip() {
    act(intent::Begin{});
    report(event::QrIdentity{an(), an_access()});
    auto effects = report(event::CardPresented{});
    ASSERT_TRUE(has<effect::ReadChip>(effects));
    report(event::ChipIdentityRead{an()});
    report(event::ChipVerified{ChipVerification::ChipGenuine});
    ASSERT_EQ(view().screen, Screen::Consent);
    act(intent::AcceptConsent{});
    report(
        event::VaultLoaded{{vault_item("TK", "TK01"), vault_item("CS1", "G30"), vault_item("CS2", "G30")}});
    report(event::ProceduresLoaded{{birth()}});
  }
};

}  // namespace kiosk
