// The vault part of the journey: browsing, looking at a file before taking
// it (rule 3) and reporting a wrong item (rule 6).
#include <algorithm>

#include "kiosk/core/secure_wipe.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk {
namespace {

SetAsideReason set_aside_reason(SignatureVerdict verdict) {
  switch (verdict) {
    case SignatureVerdict::Unsigned:
      return SetAsideReason::Unsigned;
    case SignatureVerdict::Untrusted:
      return SetAsideReason::UntrustedSigner;
    case SignatureVerdict::Unreadable:
      return SetAsideReason::Unreadable;
    case SignatureVerdict::Valid:
    case SignatureVerdict::Invalid:
      break;
  }
  return SetAsideReason::SignatureInvalid;
}

}  // namespace

void Session::on(const intent::SearchVault& i, std::vector<Effect>&) {
  view_.vault_query = i.query;
}

void Session::on(const intent::PreviewVaultItem& i, std::vector<Effect>& effects) {
  const bool from_vault = view_.screen == Screen::Vault;
  const bool for_component = view_.screen == Screen::ChooseItem || view_.screen == Screen::Components;
  if (!from_vault && !for_component) {
    return;
  }
  preview_return_ = view_.screen;
  secure_wipe(view_.preview.pdf);
  view_.preview = DocumentPreview{};
  view_.preview.item_code = i.item_code;
  if (for_component) {
    view_.preview.for_component = view_.active_component;
    if (view_.screen == Screen::Components) {
      // Looking at an automatically attached item: find which component it fills.
      for (const auto& fill : view_.draft.components) {
        if (fill.vault_item_code == i.item_code) {
          view_.preview.for_component = fill.component_id;
        }
      }
    }
  }
  effects.emplace_back(effect::LoadDocument{i.item_code});
  view_.busy = true;
  go(Screen::DocumentPreview, effects);
}

void Session::on(const intent::TakePreviewedItem&, std::vector<Effect>& effects) {
  if (view_.screen != Screen::DocumentPreview || view_.preview.for_component.empty()) {
    return;
  }
  // Rule 3 and the vault's own rule: only a file whose signature verifies is taken.
  if (!view_.preview.signature_valid()) {
    fail({ErrorCode::DocumentSignatureInvalid, "signature of the previewed item does not verify"});
    return;
  }
  attach(view_.preview.for_component, view_.preview.item_code, false);
  view_.active_component.clear();
  go(Screen::Components, effects);
}

void Session::on(const intent::ReportPreviewedItem&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::DocumentPreview && !view_.reported(view_.preview.item_code)) {
    go(Screen::ReportItem, effects);
  }
}

void Session::on(const intent::SendReport& i, std::vector<Effect>& effects) {
  if (view_.screen != Screen::ReportItem || view_.busy) {
    return;
  }
  Effect send = effect::SendFeedback{view_.preview.item_code, i.reason};
  effects.push_back(send);
  retry_ = std::make_unique<Effect>(send);
  view_.busy = true;
}

void Session::on(const event::VaultLoaded& e, std::vector<Effect>&) {
  if (!view_.identity.may_open_vault()) {
    return;
  }
  view_.vault = e.items;
  view_.busy = false;
}

void Session::on(const event::DocumentLoaded& e, std::vector<Effect>& effects) {
  if (view_.screen != Screen::DocumentPreview || e.item_code != view_.preview.item_code) {
    return;
  }
  view_.preview.pdf = e.pdf;
  view_.preview.loaded = true;
  view_.preview.verdict = e.verdict;
  view_.preview.signer = e.signer;
  view_.busy = false;
  // A match whose file does not verify is no match: the citizen chooses
  // another or scans the paper instead of being left with it.
  if (e.verdict != SignatureVerdict::Valid && !view_.preview.for_component.empty()) {
    set_aside_item(e.item_code, set_aside_reason(e.verdict), effects);
  }
}

void Session::on(const event::VaultItemChecked& e, std::vector<Effect>& effects) {
  if (!view_.procedure) {
    return;
  }
  if (e.verdict != SignatureVerdict::Valid) {
    set_aside_item(e.item_code, set_aside_reason(e.verdict), effects);
    return;
  }
  for (auto& plan : view_.plans) {
    if (plan.verifying == e.item_code) {
      plan.verifying.clear();
      attach(plan.component.id, e.item_code, true);
    }
  }
}

// The report reached the issuing agency: the item leaves this application
// and the component can be scanned or filled with another item.
void Session::on(const event::FeedbackSent&, std::vector<Effect>& effects) {
  if (view_.screen != Screen::ReportItem) {
    return;
  }
  view_.busy = false;
  retry_.reset();
  view_.reported_items.push_back(view_.preview.item_code);
  if (view_.procedure) {
    set_aside_item(view_.preview.item_code, SetAsideReason::ReportedWrong, effects);
  }
  if (preview_return_ == Screen::ChooseItem) {
    const auto* plan = view_.plan_for(view_.active_component);
    if (plan == nullptr || plan->decision != ReuseDecision::CitizenChooses) {
      view_.active_component.clear();
      preview_return_ = Screen::Components;
    }
  }
  go(preview_return_, effects);
}

}  // namespace kiosk
