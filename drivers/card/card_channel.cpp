#include "drivers/card/card_channel.hpp"

#include "drivers/card/card_error.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

CardChannel::CardChannel(SmartCardConnection& connection) : connection_(connection) {
  begin_phase("connect");
}

void CardChannel::close_phase() {
  if (phases_.empty())
    return;
  phases_.back().ms +=
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - phase_start_).count();
}

void CardChannel::begin_phase(const std::string& name) {
  close_phase();
  phases_.push_back(PhaseStats{name, 0, 0, 0});
  phase_start_ = std::chrono::steady_clock::now();
}

std::vector<PhaseStats> CardChannel::finish_phases() {
  close_phase();
  std::vector<PhaseStats> out = phases_;
  phases_.clear();
  begin_phase("after");
  return out;
}

ResponseApdu CardChannel::transmit(const CommandApdu& command) {
  if (cancelled_ && cancelled_())
    throw CardError(ErrorCode::Cancelled, "the read was cancelled");
  const CommandApdu wire = sm_ ? sm_->protect(command) : command;
  const Bytes raw = wire.serialize();
  const Bytes answer = connection_.transmit(raw);
  auto& phase = phases_.back();
  phase.apdus += 1;
  phase.bytes += raw.size() + answer.size();
  const ResponseApdu response = ResponseApdu::parse(answer);
  return sm_ ? sm_->unprotect(response) : response;
}

void CardChannel::start_secure_messaging(SessionKeys keys) {
  sm_ = std::make_unique<SecureMessaging>(std::move(keys));
}

ResponseApdu CardChannel::read_binary(std::uint8_t p1, std::uint8_t p2, std::size_t le) {
  ResponseApdu r = transmit(CommandApdu{0x00, 0xB0, p1, p2, {}, le});
  if (r.sw == sw::kWrongLength && le > 256) {
    // The ATR promised extended length but the card or reader refuses it.
    extended_ = false;
    r = transmit(CommandApdu{0x00, 0xB0, p1, p2, {}, std::min(le, kShortChunk)});
  }
  return r;
}

std::optional<Bytes> CardChannel::read_file(std::uint8_t sfi) {
  const std::size_t chunk = extended_ ? kExtendedChunk : kShortChunk;
  ResponseApdu r = read_binary(static_cast<std::uint8_t>(0x80 | sfi), 0x00, chunk);
  if (r.sw == sw::kFileNotFound)
    return std::nullopt;
  if (r.sw == sw::kSecurityNotSatisfied) {
    throw CardError(ErrorCode::UnexpectedStatus,
                    "the chip refused to read a file (security status not satisfied)");
  }
  if (!r.ok())
    throw CardError(ErrorCode::UnexpectedStatus,
                    "READ BINARY failed with status " + to_hex(Bytes{r.sw1(), r.sw2()}));
  Bytes content = std::move(r.data);
  const auto total = tlv_total_size(content);
  if (!total)
    throw CardError(ErrorCode::MalformedResponse, "file header cut short");
  if (*total > 0x7FFF + kShortChunk)
    throw CardError(ErrorCode::InvalidData, "file larger than the reader supports");
  while (content.size() < *total) {
    const std::size_t offset = content.size();
    if (offset > 0x7FFF)
      throw CardError(ErrorCode::InvalidData, "file larger than the reader supports");
    const std::size_t step = extended_ ? kExtendedChunk : kShortChunk;
    r = read_binary(static_cast<std::uint8_t>(offset >> 8), static_cast<std::uint8_t>(offset & 0xFF),
                    std::min(step, *total - offset));
    if (!r.ok())
      throw CardError(ErrorCode::UnexpectedStatus,
                      "READ BINARY failed with status " + to_hex(Bytes{r.sw1(), r.sw2()}));
    if (r.data.empty())
      throw CardError(ErrorCode::MalformedResponse, "the chip returned no data before the end of the file");
    content.insert(content.end(), r.data.begin(), r.data.end());
    wipe(r.data);
  }
  content.resize(*total);
  return content;
}

}  // namespace kiosk::card
