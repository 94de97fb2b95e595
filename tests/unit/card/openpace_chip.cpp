#include "tests/unit/card/openpace_chip.hpp"

#include <eac/ca.h>
#include <eac/eac.h>
#include <eac/objects.h>
#include <eac/pace.h>
#include <openssl/bn.h>
#include <openssl/buffer.h>
#include <openssl/core_names.h>
#include <openssl/objects.h>

#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "drivers/card/apdu.hpp"
#include "drivers/card/atr.hpp"

// Exported by libeac but declared only in its private headers: derives
// KS_enc and KS_mac from the key agreement's shared secret, here without a
// nonce as chip authentication of ICAO 9303 (CA version 1) does.
extern "C" int KA_CTX_derive_keys(KA_CTX* ctx, const BUF_MEM* nonce, EVP_MD_CTX* md_ctx);

namespace kiosk::card::testing {

namespace {

struct BufFree {
  void operator()(BUF_MEM* b) const { BUF_MEM_clear_free(b); }
};
using Buf = std::unique_ptr<BUF_MEM, BufFree>;

Buf buf(ByteView bytes) {
  Buf b(BUF_MEM_new());
  if (!b || (!bytes.empty() && BUF_MEM_grow(b.get(), bytes.size()) == 0))
    throw std::runtime_error("out of memory");
  if (!bytes.empty())
    std::memcpy(b->data, bytes.data(), bytes.size());
  b->length = bytes.size();
  return b;
}

Bytes bytes(const BUF_MEM* b) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(b->data);
  return Bytes(p, p + b->length);
}

Buf must(BUF_MEM* b, const char* step) {
  if (!b)
    throw std::runtime_error(std::string("OpenPACE failed: ") + step);
  return Buf(b);
}

void must(int ok, const char* step) {
  if (ok != 1)
    throw std::runtime_error(std::string("OpenPACE failed: ") + step);
}

struct EacFree {
  void operator()(EAC_CTX* c) const { EAC_CTX_clear_free(c); }
};
using Eac = std::unique_ptr<EAC_CTX, EacFree>;

struct SecFree {
  void operator()(PACE_SEC* s) const { PACE_SEC_clear_free(s); }
};

// ISO 7816-4 BER-TLV data objects of secure messaging, parsed here rather
// than with the reader's TLV code.
struct DataObject {
  std::uint8_t tag = 0;
  Bytes value;
  Bytes encoded;
};

std::vector<DataObject> data_objects(ByteView data) {
  std::vector<DataObject> out;
  std::size_t i = 0;
  while (i < data.size()) {
    const std::size_t start = i;
    DataObject d;
    d.tag = data[i++];
    if (i >= data.size())
      throw std::runtime_error("data object cut short");
    std::size_t length = data[i++];
    const std::size_t length_bytes = length > 0x80 ? length - 0x80 : 0;
    if (length_bytes > 2 || i + length_bytes > data.size())
      throw std::runtime_error("unsupported length");
    if (length_bytes > 0) {
      length = 0;
      for (std::size_t k = 0; k < length_bytes; ++k)
        length = (length << 8) | data[i++];
    } else if (length == 0x80) {
      throw std::runtime_error("unsupported length");
    }
    if (i + length > data.size())
      throw std::runtime_error("data object cut short");
    d.value.assign(data.begin() + static_cast<std::ptrdiff_t>(i),
                   data.begin() + static_cast<std::ptrdiff_t>(i + length));
    i += length;
    d.encoded.assign(data.begin() + static_cast<std::ptrdiff_t>(start),
                     data.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(std::move(d));
  }
  return out;
}

const DataObject* find(const std::vector<DataObject>& objects, std::uint8_t tag) {
  for (const auto& d : objects) {
    if (d.tag == tag)
      return &d;
  }
  return nullptr;
}

Bytes data_object(std::uint8_t tag, ByteView value) {
  Bytes out{tag};
  if (value.size() < 0x80) {
    out.push_back(static_cast<std::uint8_t>(value.size()));
  } else if (value.size() < 0x100) {
    out.insert(out.end(), {0x81, static_cast<std::uint8_t>(value.size())});
  } else {
    out.insert(out.end(), {0x82, static_cast<std::uint8_t>(value.size() >> 8),
                           static_cast<std::uint8_t>(value.size() & 0xFF)});
  }
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

Bytes oid_content(int nid) {
  const ASN1_OBJECT* o = OBJ_nid2obj(nid);
  const unsigned char* p = OBJ_get0_data(o);
  return Bytes(p, p + OBJ_length(o));
}

ResponseApdu status(std::uint16_t sw) {
  return ResponseApdu{{}, sw};
}

}  // namespace

struct OpenPaceChip::Impl {
  std::map<std::uint16_t, Bytes> files;
  std::optional<std::uint16_t> current;
  Eac pace;
  Eac ca;
  std::unique_ptr<PACE_SEC, SecFree> password;
  EAC_CTX* sm = nullptr;       // whose keys protect the exchange
  EAC_CTX* next_sm = nullptr;  // effective after the current answer
  enum class Mse { None, Pace, ChipAuthentication } mse = Mse::None;
  Bytes terminal_key;  // PK_DH,IFD, for the chip's token

  ResponseApdu dispatch(const CommandApdu& c, bool& pace_done, bool& ca_done);
  ResponseApdu read_binary(const CommandApdu& c);
  ResponseApdu general_authenticate(const CommandApdu& c, bool& pace_done, bool& ca_done);
  std::optional<CommandApdu> unprotect(const CommandApdu& c);
  Bytes protect(const ResponseApdu& r);
};

OpenPaceChip::OpenPaceChip(OpenPaceChipFiles chip) : impl_(std::make_unique<Impl>()) {
  static std::once_flag init;
  std::call_once(init, [] { EAC_init(); });
  impl_->files = std::move(chip.files);

  const Bytes& card_access = impl_->files.at(0x011C);
  impl_->pace.reset(EAC_CTX_new());
  must(EAC_CTX_init_ef_cardaccess(card_access.data(), card_access.size(), impl_->pace.get()),
       "parsing EF.CardAccess");
  impl_->password.reset(
      PACE_SEC_new(reinterpret_cast<const char*>(chip.td1_mrz.data()), chip.td1_mrz.size(), PACE_MRZ));
  if (!impl_->password)
    throw std::runtime_error("OpenPACE refused the MRZ");

  const auto dg14 = impl_->files.find(0x010E);
  if (dg14 != impl_->files.end() && chip.chip_authentication_key) {
    // DG14 is [APPLICATION 14] around the SET OF SecurityInfo that
    // EF.CardAccess also is; OpenPACE reads the latter.
    const std::vector<DataObject> outer = data_objects(dg14->second);
    if (outer.size() != 1 || outer[0].tag != 0x6E)
      throw std::runtime_error("DG14 is not tagged 6E");
    impl_->ca.reset(EAC_CTX_new());
    must(EAC_CTX_init_ef_cardaccess(outer[0].value.data(), outer[0].value.size(), impl_->ca.get()),
         "parsing DG14");
    // The raw private scalar and public point: OpenPACE puts them on the
    // curve it read from DG14.
    EVP_PKEY* key = chip.chip_authentication_key.get();
    BIGNUM* d = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1)
      throw std::runtime_error("chip key has no private part");
    Bytes scalar(static_cast<std::size_t>((EVP_PKEY_get_bits(key) + 7) / 8));
    BN_bn2binpad(d, scalar.data(), static_cast<int>(scalar.size()));
    BN_clear_free(d);
    std::size_t point_length = 0;
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0, &point_length);
    Bytes point(point_length);
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size(), &point_length);
    const int ok = CA_set_key(impl_->ca.get(), scalar.data(), scalar.size(), point.data(), point.size());
    OPENSSL_cleanse(scalar.data(), scalar.size());
    must(ok, "loading the chip authentication key");
  }
}

OpenPaceChip::~OpenPaceChip() = default;

Bytes OpenPaceChip::atr() const {
  return build_atr(false);
}

int OpenPaceChip::pace_protocol_nid() const {
  return impl_->pace->pace_ctx ? impl_->pace->pace_ctx->protocol : NID_undef;
}

int OpenPaceChip::pace_parameter_id() const {
  return impl_->pace->pace_ctx ? impl_->pace->pace_ctx->id : -1;
}

int OpenPaceChip::chip_authentication_protocol_nid() const {
  return impl_->ca && impl_->ca->ca_ctx ? impl_->ca->ca_ctx->protocol : NID_undef;
}

Bytes OpenPaceChip::transmit(ByteView raw) {
  const CommandApdu command = CommandApdu::parse(raw);
  Bytes answer;
  if (impl_->sm) {
    const std::optional<CommandApdu> plain = impl_->unprotect(command);
    // A command that fails its MAC ends secure messaging (ICAO 9303-11, 9.8.4).
    if (!plain) {
      impl_->sm = nullptr;
      return status(sw::kSmObjectsIncorrect).serialize();
    }
    answer = impl_->protect(impl_->dispatch(*plain, pace_done_, ca_done_));
  } else {
    answer = impl_->dispatch(command, pace_done_, ca_done_).serialize();
  }
  if (impl_->next_sm) {
    impl_->sm = impl_->next_sm;
    impl_->next_sm = nullptr;
  }
  return answer;
}

std::optional<CommandApdu> OpenPaceChip::Impl::unprotect(const CommandApdu& c) {
  must(EAC_increment_ssc(sm), "SSC");
  if ((c.cla & 0x0C) != 0x0C)
    return std::nullopt;
  const std::vector<DataObject> objects = data_objects(c.data);
  const DataObject* cryptogram = find(objects, 0x87);
  const DataObject* le = find(objects, 0x97);
  const DataObject* mac = find(objects, 0x8E);
  if (!mac || objects.back().tag != 0x8E)
    return std::nullopt;
  Bytes input{c.cla, c.ins, c.p1, c.p2};
  Buf header = must(EAC_add_iso_pad(sm, buf(input).get()), "padding the header");
  input = bytes(header.get());
  if (cryptogram)
    input.insert(input.end(), cryptogram->encoded.begin(), cryptogram->encoded.end());
  if (le)
    input.insert(input.end(), le->encoded.begin(), le->encoded.end());
  Buf padded = must(EAC_add_iso_pad(sm, buf(input).get()), "padding the MAC input");
  if (EAC_verify_authentication(sm, padded.get(), buf(mac->value).get()) != 1)
    return std::nullopt;

  CommandApdu plain{static_cast<std::uint8_t>(c.cla & ~0x0C), c.ins, c.p1, c.p2, {}, std::nullopt};
  if (cryptogram) {
    if (cryptogram->value.empty() || cryptogram->value[0] != 0x01)
      return std::nullopt;
    Buf decrypted = must(EAC_decrypt(sm, buf(ByteView(cryptogram->value).subspan(1)).get()), "decrypting");
    Buf unpadded = must(EAC_remove_iso_pad(decrypted.get()), "removing the padding");
    plain.data = bytes(unpadded.get());
  }
  if (le) {
    std::size_t n = 0;
    for (std::uint8_t b : le->value)
      n = (n << 8) | b;
    plain.le = n == 0 ? (le->value.size() == 1 ? 256 : 65536) : n;
  }
  return plain;
}

Bytes OpenPaceChip::Impl::protect(const ResponseApdu& r) {
  must(EAC_increment_ssc(sm), "SSC");
  Bytes objects;
  if (!r.data.empty()) {
    Buf padded = must(EAC_add_iso_pad(sm, buf(r.data).get()), "padding the answer");
    Buf encrypted = must(EAC_encrypt(sm, padded.get()), "encrypting");
    objects = data_object(0x87, concat(Bytes{0x01}, bytes(encrypted.get())));
  }
  const Bytes status_object = data_object(0x99, Bytes{r.sw1(), r.sw2()});
  objects.insert(objects.end(), status_object.begin(), status_object.end());
  Buf padded = must(EAC_add_iso_pad(sm, buf(objects).get()), "padding the MAC input");
  Buf mac = must(EAC_authenticate(sm, padded.get()), "MAC");
  const Bytes mac_object = data_object(0x8E, bytes(mac.get()));
  objects.insert(objects.end(), mac_object.begin(), mac_object.end());
  objects.push_back(r.sw1());
  objects.push_back(r.sw2());
  return objects;
}

ResponseApdu OpenPaceChip::Impl::dispatch(const CommandApdu& c, bool& pace_done, bool& ca_done) {
  switch (c.ins) {
    case 0xA4:
      if (c.p1 == 0x04 && c.data == Bytes{0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01})
        return status(sw::kSuccess);
      return status(sw::kFileNotFound);
    case 0xB0:
      return read_binary(c);
    case 0x22: {
      const std::vector<DataObject> objects = data_objects(c.data);
      const DataObject* protocol = find(objects, 0x80);
      if (c.p1 == 0xC1 && c.p2 == 0xA4 && protocol &&
          protocol->value == oid_content(pace->pace_ctx->protocol)) {
        const DataObject* reference = find(objects, 0x83);
        if (!reference || reference->value != Bytes{0x01})
          return status(sw::kWrongData);
        mse = Mse::Pace;
        return status(sw::kSuccess);
      }
      if (c.p1 == 0x41 && c.p2 == 0xA4 && sm && ca && protocol &&
          protocol->value == oid_content(ca->ca_ctx->protocol)) {
        mse = Mse::ChipAuthentication;
        return status(sw::kSuccess);
      }
      return status(sw::kWrongData);
    }
    case 0x86:
      return general_authenticate(c, pace_done, ca_done);
    default:
      return status(sw::kInsNotSupported);
  }
}

ResponseApdu OpenPaceChip::Impl::read_binary(const CommandApdu& c) {
  std::size_t offset = 0;
  if (c.p1 & 0x80) {
    const std::uint16_t fid = static_cast<std::uint16_t>(0x0100 | (c.p1 & 0x1F));
    // Before PACE only EF.CardAccess is readable.
    if (!sm && fid != 0x011C)
      return status(sw::kSecurityNotSatisfied);
    if (!files.count(fid))
      return status(sw::kFileNotFound);
    current = fid;
    offset = c.p2;
  } else {
    if (!current)
      return status(sw::kConditionsNotSatisfied);
    offset = (static_cast<std::size_t>(c.p1) << 8) | c.p2;
  }
  const Bytes& file = files.at(*current);
  if (offset > file.size())
    return status(sw::kWrongP1P2);
  const std::size_t n = std::min(c.le.value_or(256), file.size() - offset);
  return ResponseApdu{Bytes(file.begin() + static_cast<std::ptrdiff_t>(offset),
                            file.begin() + static_cast<std::ptrdiff_t>(offset + n)),
                      sw::kSuccess};
}

ResponseApdu OpenPaceChip::Impl::general_authenticate(const CommandApdu& c, bool& pace_done, bool& ca_done) {
  const std::vector<DataObject> outer = data_objects(c.data);
  if (outer.size() != 1 || outer[0].tag != 0x7C)
    return status(sw::kWrongData);
  const std::vector<DataObject> inner = data_objects(outer[0].value);
  const auto answer = [](std::uint8_t tag, const Buf& value) {
    return ResponseApdu{data_object(0x7C, data_object(tag, bytes(value.get()))), sw::kSuccess};
  };

  if (mse == Mse::ChipAuthentication) {
    const DataObject* key = find(inner, 0x80);
    if (!key || CA_STEP4_compute_shared_secret(ca.get(), buf(key->value).get()) != 1)
      return status(sw::kWrongData);
    must(KA_CTX_derive_keys(ca->ca_ctx->ka_ctx, nullptr, ca->md_ctx), "deriving the CA keys");
    must(EAC_CTX_set_encryption_ctx(ca.get(), EAC_ID_CA), "switching to the CA keys");
    next_sm = ca.get();
    mse = Mse::None;
    ca_done = true;
    return ResponseApdu{Bytes{0x7C, 0x00}, sw::kSuccess};
  }
  if (mse != Mse::Pace)
    return status(sw::kConditionsNotSatisfied);

  EAC_CTX* ctx = pace.get();
  if (inner.empty()) {
    return answer(0x80, must(PACE_STEP1_enc_nonce(ctx, password.get()), "encrypting the nonce"));
  }
  const DataObject& step = inner[0];
  const Buf in = buf(step.value);
  switch (step.tag) {
    case 0x81: {
      Buf mapping = must(PACE_STEP3A_generate_mapping_data(ctx), "mapping data");
      must(PACE_STEP3A_map_generator(ctx, in.get()), "mapping the generator");
      return answer(0x82, mapping);
    }
    case 0x83: {
      Buf ephemeral = must(PACE_STEP3B_generate_ephemeral_key(ctx), "ephemeral key");
      must(PACE_STEP3B_compute_shared_secret(ctx, in.get()), "shared secret");
      must(PACE_STEP3C_derive_keys(ctx), "session keys");
      terminal_key = step.value;
      return answer(0x84, ephemeral);
    }
    case 0x85: {
      if (PACE_STEP3D_verify_authentication_token(ctx, in.get()) != 1) {
        mse = Mse::None;
        return status(sw::kAuthenticationFailed);
      }
      Buf token =
          must(PACE_STEP3D_compute_authentication_token(ctx, buf(terminal_key).get()), "chip's token");
      must(EAC_CTX_set_encryption_ctx(ctx, EAC_ID_PACE), "switching to the PACE keys");
      next_sm = ctx;
      mse = Mse::None;
      pace_done = true;
      return answer(0x86, token);
    }
    default:
      return status(sw::kWrongData);
  }
}

}  // namespace kiosk::card::testing
