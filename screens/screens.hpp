#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "screens/ui.hpp"

namespace kiosk::ui {

// Draws the whole kiosk for the current view: the chrome every screen shares
// (language switch, large text, audio, "Call staff", "End", staff bar), the
// screen itself, the keyboard and the overlays (idle warning, card removed,
// errors, progress). What the person did comes back through ui.emit().
void draw_kiosk(Ui& ui);

// One per screen, in the file of the same name.
void draw_attract(Ui& ui);
void draw_identify(Ui& ui);
void draw_chip_access(Ui& ui);
void draw_reading_card(Ui& ui);
void draw_await_staff(Ui& ui);
void draw_consent(Ui& ui);
void draw_home(Ui& ui);
void draw_vault(Ui& ui);
void draw_document_preview(Ui& ui);
void draw_report_item(Ui& ui);
void draw_lookup(Ui& ui);
void draw_lookup_result(Ui& ui);
void draw_procedure_search(Ui& ui);
void draw_components(Ui& ui);
void draw_choose_item(Ui& ui);
void draw_scan(Ui& ui);
void draw_applicant_details(Ui& ui);
void draw_delivery(Ui& ui);
void draw_review(Ui& ui);
void draw_submitting(Ui& ui);
void draw_receipt(Ui& ui);
void draw_rating(Ui& ui);
void draw_session_ended(Ui& ui);
void draw_out_of_service(Ui& ui);
void draw_staff_login(Ui& ui);

// Shared pieces of several screens.
std::string date_text(const std::optional<CivilDate>& date);
std::string error_text(const Ui& ui, const Error& error);
// What the seeds' vault tables show of an item, on three lines: kind,
// catalogue entry and vault; agency, number and issue date; validity,
// server verdict and times used.
std::string vault_item_details(const Ui& ui, const VaultItem& item);
// "Lệ phí: 5.000 đồng", or that there is no fee.
std::string fee_text(const Ui& ui, std::uint64_t fee_vnd);
// How many papers and in which form ("1 bản sao").
std::string paper_form_text(const Ui& ui, const RequiredComponent& component);
void progress_bar(Ui& ui, int percent);
// The camera picture about `height` pixels high with a guide frame where the
// QR should be, the decoder's hint under it, or why there is no picture.
void camera_preview(Ui& ui, float height);
// Which screens show "Back".
bool has_back(Screen screen);

}  // namespace kiosk::ui
