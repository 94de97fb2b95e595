#include "drivers/card/pcsc_reader.hpp"

#include <PCSC/pcsclite.h>

#include "drivers/card/card_error.hpp"

namespace kiosk::card {

namespace {

std::string describe(LONG rv) {
  return pcsc_stringify_error(rv);
}

std::vector<std::string> split_multi_string(const std::vector<char>& buffer) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < buffer.size() && buffer[i] != '\0';) {
    std::string name(&buffer[i]);
    i += name.size() + 1;
    out.push_back(std::move(name));
  }
  return out;
}

class PcscConnection : public SmartCardConnection {
 public:
  PcscConnection(std::shared_ptr<PcscContext> context, std::string reader)
      : context_(std::move(context)), reader_(std::move(reader)) {
    const LONG rv = SCardConnect(context_->get(), reader_.c_str(), SCARD_SHARE_EXCLUSIVE,
                                 SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &handle_, &protocol_);
    if (rv != SCARD_S_SUCCESS)
      throw_pcsc_error(rv, "connecting to the card");
    read_atr();
  }
  ~PcscConnection() override { SCardDisconnect(handle_, SCARD_RESET_CARD); }
  PcscConnection(const PcscConnection&) = delete;
  PcscConnection& operator=(const PcscConnection&) = delete;

  Bytes transmit(ByteView command) override {
    Bytes response(MAX_BUFFER_SIZE_EXTENDED);
    DWORD length = static_cast<DWORD>(response.size());
    const SCARD_IO_REQUEST* pci = protocol_ == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    const LONG rv = SCardTransmit(handle_, pci, command.data(), static_cast<DWORD>(command.size()), nullptr,
                                  response.data(), &length);
    if (rv == SCARD_S_SUCCESS) {
      // Some reader drivers (vpcd among them) report a lost card as an
      // empty answer rather than an error.
      if (length < 2 && card_left())
        throw CardError(ErrorCode::CardRemoved, "the card was removed during the read");
      response.resize(length);
      return response;
    }
    if (rv == SCARD_W_RESET_CARD) {
      // Another application reset the card: the chip forgot our session.
      reconnect();
      throw CardError(ErrorCode::Transport, "the card was reset during the read");
    }
    if (rv == SCARD_W_REMOVED_CARD || rv == SCARD_E_NO_SMARTCARD || card_left()) {
      throw CardError(ErrorCode::CardRemoved, "the card was removed during the read");
    }
    throw_pcsc_error(rv, "exchanging an APDU");
  }

  Bytes atr() const override { return atr_; }

  void reconnect() override {
    const LONG rv = SCardReconnect(handle_, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0,
                                   SCARD_RESET_CARD, &protocol_);
    if (rv != SCARD_S_SUCCESS)
      throw_pcsc_error(rv, "reconnecting to the card");
    read_atr();
  }

 private:
  void read_atr() {
    BYTE atr[MAX_ATR_SIZE];
    DWORD atr_len = sizeof atr;
    DWORD state = 0;
    DWORD protocol = 0;
    DWORD name_len = 0;
    if (SCardStatus(handle_, nullptr, &name_len, &state, &protocol, atr, &atr_len) == SCARD_S_SUCCESS) {
      atr_.assign(atr, atr + atr_len);
    }
  }

  // A failed exchange is a removal when the reader reports the slot empty,
  // now or within the reader driver's polling period.
  bool card_left() {
    SCARD_READERSTATE state{};
    state.szReader = reader_.c_str();
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    if (SCardGetStatusChange(context_->get(), 0, &state, 1) != SCARD_S_SUCCESS)
      return false;
    for (int i = 0; i < 8 && !(state.dwEventState & SCARD_STATE_EMPTY); ++i) {
      state.dwCurrentState = state.dwEventState & ~SCARD_STATE_CHANGED;
      const LONG rv = SCardGetStatusChange(context_->get(), 250, &state, 1);
      if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT)
        return false;
    }
    return (state.dwEventState & SCARD_STATE_EMPTY) != 0;
  }

  std::shared_ptr<PcscContext> context_;
  std::string reader_;
  SCARDHANDLE handle_ = 0;
  DWORD protocol_ = 0;
  Bytes atr_;
};

}  // namespace

void throw_pcsc_error(LONG rv, const std::string& what) {
  ErrorCode code = ErrorCode::Transport;
  switch (rv) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
    case SCARD_E_SHARING_VIOLATION:
      code = ErrorCode::ReaderUnavailable;
      break;
    case SCARD_E_NO_READERS_AVAILABLE:
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
      code = ErrorCode::NoReader;
      break;
    case SCARD_E_NO_SMARTCARD:
    case SCARD_W_REMOVED_CARD:
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
      code = ErrorCode::NoCard;
      break;
    default:
      break;
  }
  throw CardError(code, what + ": " + describe(rv));
}

PcscContext::PcscContext() {
  const LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context_);
  if (rv != SCARD_S_SUCCESS)
    throw CardError(ErrorCode::ReaderUnavailable, "PC/SC service unavailable: " + describe(rv));
}

PcscContext::~PcscContext() {
  SCardReleaseContext(context_);
}

PcscReaders::PcscReaders() = default;

std::shared_ptr<PcscContext> PcscReaders::context() {
  // Established on first use and again after pcscd restarted, so the kiosk
  // can start before the PC/SC service.
  if (!context_ || SCardIsValidContext(context_->get()) != SCARD_S_SUCCESS)
    context_ = std::make_shared<PcscContext>();
  return context_;
}

std::vector<std::string> PcscReaders::list() {
  const auto ctx = context();
  DWORD size = 0;
  LONG rv = SCardListReaders(ctx->get(), nullptr, nullptr, &size);
  if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED)
    context_.reset();
  if (rv == SCARD_E_NO_READERS_AVAILABLE)
    return {};
  if (rv != SCARD_S_SUCCESS)
    throw_pcsc_error(rv, "listing readers");
  std::vector<char> buffer(size + 1, '\0');
  rv = SCardListReaders(ctx->get(), nullptr, buffer.data(), &size);
  if (rv == SCARD_E_NO_READERS_AVAILABLE)
    return {};
  if (rv != SCARD_S_SUCCESS)
    throw_pcsc_error(rv, "listing readers");
  return split_multi_string(buffer);
}

std::unique_ptr<SmartCardConnection> PcscReaders::connect(const std::string& reader) {
  return std::make_unique<PcscConnection>(context(), reader);
}

std::vector<ReaderState> PcscReaders::states() {
  const auto names = list();
  std::vector<SCARD_READERSTATE> raw(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    raw[i].szReader = names[i].c_str();
    raw[i].dwCurrentState = SCARD_STATE_UNAWARE;
  }
  std::vector<ReaderState> out;
  if (raw.empty())
    return out;
  const LONG rv = SCardGetStatusChange(context()->get(), 0, raw.data(), static_cast<DWORD>(raw.size()));
  if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT)
    throw_pcsc_error(rv, "reading reader states");
  for (std::size_t i = 0; i < names.size(); ++i) {
    ReaderState s{names[i], (raw[i].dwEventState & SCARD_STATE_PRESENT) != 0, {}};
    if (s.card_present)
      s.atr.assign(raw[i].rgbAtr, raw[i].rgbAtr + raw[i].cbAtr);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace kiosk::card
