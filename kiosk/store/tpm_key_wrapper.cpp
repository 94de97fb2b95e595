#include "kiosk/store/tpm_key_wrapper.hpp"

#include <tss2/tss2_esys.h>
#include <tss2/tss2_mu.h>
#include <tss2/tss2_rc.h>
#include <tss2/tss2_tctildr.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk::store {
namespace {

// Blob layout: magic, version, TPM2B_PUBLIC, TPM2B_PRIVATE (each
// self-sized in TPM wire format).
constexpr std::uint8_t kMagic[] = {'K', 'T', 'P', 'M', 1};
constexpr std::string_view kParentLabel = "kiosk outbox parent";

struct EsysFree {
  void operator()(void* p) const { Esys_Free(p); }
};
template <class T>
using EsysPtr = std::unique_ptr<T, EsysFree>;

std::string describe(const char* what, TSS2_RC rc) {
  return std::string(what) + ": " + Tss2_RC_Decode(rc);
}

bool tpm_layer(TSS2_RC rc) {
  const TSS2_RC layer = rc & TSS2_RC_LAYER_MASK;
  return layer == TSS2_TPM_RC_LAYER || layer == TSS2_RESMGR_TPM_RC_LAYER;
}

// Format-one TPM codes carry the failing handle or parameter in their upper
// bits; only the error number says what went wrong.
TSS2_RC tpm_base_code(TSS2_RC rc) {
  rc &= 0xFFFF;
  return (rc & TPM2_RC_FMT1) != 0 ? (rc & (TPM2_RC_FMT1 | 0x3F)) : rc;
}

Error tpm_error(const char* what, TSS2_RC rc) {
  const TSS2_RC layer = rc & TSS2_RC_LAYER_MASK;
  if (layer == TSS2_TCTI_RC_LAYER || layer == TSS2_RESMGR_RC_LAYER) {
    return {ErrorCode::DeviceKeyUnavailable, describe(what, rc)};
  }
  return {ErrorCode::Internal, describe(what, rc)};
}

// One connection to the TPM; flushes the transient objects and sessions it
// made when it goes, so a TPM without a resource manager does not fill up.
class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& tcti_conf) {
    auto c = std::unique_ptr<Connection>(new Connection);
    TSS2_RC rc = Tss2_TctiLdr_Initialize(tcti_conf.c_str(), &c->tcti_);
    if (rc != TSS2_RC_SUCCESS) {
      return Error{ErrorCode::DeviceKeyUnavailable, describe("no TPM at the configured TCTI", rc)};
    }
    rc = Esys_Initialize(&c->esys_, c->tcti_, nullptr);
    if (rc != TSS2_RC_SUCCESS) {
      return Error{ErrorCode::DeviceKeyUnavailable, describe("TPM connection", rc)};
    }
    // Firmware or the kernel normally started the TPM already; a simulator
    // freshly powered on has not.
    rc = Esys_Startup(c->esys_, TPM2_SU_CLEAR);
    if (rc != TSS2_RC_SUCCESS && !(tpm_layer(rc) && tpm_base_code(rc) == TPM2_RC_INITIALIZE)) {
      return tpm_error("TPM start-up", rc);
    }
    return c;
  }

  ~Connection() {
    if (esys_ != nullptr) {
      for (auto it = transient_.rbegin(); it != transient_.rend(); ++it) {
        Esys_FlushContext(esys_, *it);
      }
      Esys_Finalize(&esys_);
    }
    if (tcti_ != nullptr) {
      Tss2_TctiLdr_Finalize(&tcti_);
    }
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] ESYS_CONTEXT* esys() const { return esys_; }
  void flush_later(ESYS_TR handle) { transient_.push_back(handle); }

  // The storage parent: the same template under the same owner seed always
  // derives the same key, so it is made afresh instead of persisted.
  Result<ESYS_TR> parent() {
    TPM2B_SENSITIVE_CREATE sensitive{};
    TPM2B_PUBLIC templ{};
    auto& area = templ.publicArea;
    area.type = TPM2_ALG_ECC;
    area.nameAlg = TPM2_ALG_SHA256;
    area.objectAttributes = TPMA_OBJECT_FIXEDTPM | TPMA_OBJECT_FIXEDPARENT | TPMA_OBJECT_SENSITIVEDATAORIGIN |
                            TPMA_OBJECT_USERWITHAUTH | TPMA_OBJECT_RESTRICTED | TPMA_OBJECT_DECRYPT |
                            TPMA_OBJECT_NODA;
    auto& ecc = area.parameters.eccDetail;
    ecc.symmetric.algorithm = TPM2_ALG_AES;
    ecc.symmetric.keyBits.aes = 128;
    ecc.symmetric.mode.aes = TPM2_ALG_CFB;
    ecc.scheme.scheme = TPM2_ALG_NULL;
    ecc.curveID = TPM2_ECC_NIST_P256;
    ecc.kdf.scheme = TPM2_ALG_NULL;
    // The label keeps this parent apart from other users of the owner seed.
    area.unique.ecc.x.size = static_cast<UINT16>(kParentLabel.size());
    std::memcpy(area.unique.ecc.x.buffer, kParentLabel.data(), kParentLabel.size());
    TPM2B_DATA outside{};
    TPML_PCR_SELECTION pcrs{};
    ESYS_TR handle = ESYS_TR_NONE;
    const TSS2_RC rc =
        Esys_CreatePrimary(esys_, ESYS_TR_RH_OWNER, ESYS_TR_PASSWORD, ESYS_TR_NONE, ESYS_TR_NONE, &sensitive,
                           &templ, &outside, &pcrs, &handle, nullptr, nullptr, nullptr, nullptr);
    if (rc != TSS2_RC_SUCCESS) {
      return tpm_error("TPM storage parent", rc);
    }
    flush_later(handle);
    return handle;
  }

  // A session salted to the parent that encrypts the first command
  // parameter and the first response parameter: the data key.
  Result<ESYS_TR> encrypted_session(ESYS_TR parent) {
    TPMT_SYM_DEF symmetric{};
    symmetric.algorithm = TPM2_ALG_AES;
    symmetric.keyBits.aes = 128;
    symmetric.mode.aes = TPM2_ALG_CFB;
    ESYS_TR session = ESYS_TR_NONE;
    TSS2_RC rc = Esys_StartAuthSession(esys_, parent, ESYS_TR_NONE, ESYS_TR_NONE, ESYS_TR_NONE, ESYS_TR_NONE,
                                       nullptr, TPM2_SE_HMAC, &symmetric, TPM2_ALG_SHA256, &session);
    if (rc != TSS2_RC_SUCCESS) {
      return tpm_error("TPM session", rc);
    }
    flush_later(session);
    rc = Esys_TRSess_SetAttributes(
        esys_, session, TPMA_SESSION_DECRYPT | TPMA_SESSION_ENCRYPT | TPMA_SESSION_CONTINUESESSION, 0xFF);
    if (rc != TSS2_RC_SUCCESS) {
      return tpm_error("TPM session", rc);
    }
    return session;
  }

 private:
  Connection() = default;
  TSS2_TCTI_CONTEXT* tcti_ = nullptr;
  ESYS_CONTEXT* esys_ = nullptr;
  std::vector<ESYS_TR> transient_;
};

struct Opened {
  std::unique_ptr<Connection> tpm;
  ESYS_TR parent = ESYS_TR_NONE;
  ESYS_TR session = ESYS_TR_NONE;
};

Result<Opened> connect(const std::string& tcti) {
  auto tpm = Connection::open(tcti);
  if (!tpm) {
    return tpm.error();
  }
  auto parent = (*tpm)->parent();
  if (!parent) {
    return parent.error();
  }
  auto session = (*tpm)->encrypted_session(*parent);
  if (!session) {
    return session.error();
  }
  return Opened{std::move(*tpm), *parent, *session};
}

Error corrupt() {
  return {ErrorCode::StorageCorrupt, "wrapped key is not a TPM blob of this kiosk"};
}

}  // namespace

Result<TpmKeyWrapper> TpmKeyWrapper::open(const std::string& tcti) {
  auto tpm = Connection::open(tcti);
  if (!tpm) {
    return tpm.error();
  }
  return TpmKeyWrapper(tcti);
}

Result<Bytes> TpmKeyWrapper::wrap(const Key256& data_key) {
  auto opened = connect(tcti_);
  if (!opened) {
    return opened.error();
  }
  TPM2B_SENSITIVE_CREATE sensitive{};
  sensitive.sensitive.data.size = static_cast<UINT16>(data_key.size());
  std::copy(data_key.begin(), data_key.end(), sensitive.sensitive.data.buffer);
  TPM2B_PUBLIC templ{};
  auto& area = templ.publicArea;
  area.type = TPM2_ALG_KEYEDHASH;
  area.nameAlg = TPM2_ALG_SHA256;
  area.objectAttributes =
      TPMA_OBJECT_FIXEDTPM | TPMA_OBJECT_FIXEDPARENT | TPMA_OBJECT_USERWITHAUTH | TPMA_OBJECT_NODA;
  area.parameters.keyedHashDetail.scheme.scheme = TPM2_ALG_NULL;
  TPM2B_DATA outside{};
  TPML_PCR_SELECTION pcrs{};
  TPM2B_PRIVATE* out_private = nullptr;
  TPM2B_PUBLIC* out_public = nullptr;
  const TSS2_RC rc =
      Esys_Create(opened->tpm->esys(), opened->parent, opened->session, ESYS_TR_NONE, ESYS_TR_NONE,
                  &sensitive, &templ, &outside, &pcrs, &out_private, &out_public, nullptr, nullptr, nullptr);
  secure_zero(sensitive.sensitive.data.buffer, sizeof sensitive.sensitive.data.buffer);
  EsysPtr<TPM2B_PRIVATE> priv(out_private);
  EsysPtr<TPM2B_PUBLIC> pub(out_public);
  if (rc != TSS2_RC_SUCCESS) {
    return tpm_error("TPM seal", rc);
  }
  Bytes blob(sizeof kMagic + sizeof(TPM2B_PUBLIC) + sizeof(TPM2B_PRIVATE));
  std::copy(std::begin(kMagic), std::end(kMagic), blob.begin());
  size_t offset = sizeof kMagic;
  if (Tss2_MU_TPM2B_PUBLIC_Marshal(pub.get(), blob.data(), blob.size(), &offset) != TSS2_RC_SUCCESS ||
      Tss2_MU_TPM2B_PRIVATE_Marshal(priv.get(), blob.data(), blob.size(), &offset) != TSS2_RC_SUCCESS) {
    return Error{ErrorCode::Internal, "cannot encode the TPM blob"};
  }
  blob.resize(offset);
  return blob;
}

Result<Key256> TpmKeyWrapper::unwrap(const Bytes& wrapped) {
  if (wrapped.size() < sizeof kMagic || !std::equal(std::begin(kMagic), std::end(kMagic), wrapped.begin())) {
    return corrupt();
  }
  TPM2B_PUBLIC pub{};
  TPM2B_PRIVATE priv{};
  size_t offset = sizeof kMagic;
  if (Tss2_MU_TPM2B_PUBLIC_Unmarshal(wrapped.data(), wrapped.size(), &offset, &pub) != TSS2_RC_SUCCESS ||
      Tss2_MU_TPM2B_PRIVATE_Unmarshal(wrapped.data(), wrapped.size(), &offset, &priv) != TSS2_RC_SUCCESS ||
      offset != wrapped.size() || pub.publicArea.type != TPM2_ALG_KEYEDHASH) {
    return corrupt();
  }
  auto opened = connect(tcti_);
  if (!opened) {
    return opened.error();
  }
  ESYS_CONTEXT* esys = opened->tpm->esys();
  ESYS_TR object = ESYS_TR_NONE;
  TSS2_RC rc =
      Esys_Load(esys, opened->parent, opened->session, ESYS_TR_NONE, ESYS_TR_NONE, &priv, &pub, &object);
  if (rc != TSS2_RC_SUCCESS) {
    // The private part is integrity-protected under the parent: another
    // TPM (or a cleared one) derives another parent and the check fails.
    if (tpm_layer(rc) && tpm_base_code(rc) == TPM2_RC_INTEGRITY) {
      return Error{ErrorCode::DeviceKeyMismatch, "outbox key was sealed by another TPM"};
    }
    return tpm_error("TPM load", rc);
  }
  opened->tpm->flush_later(object);
  TPM2B_SENSITIVE_DATA* out = nullptr;
  rc = Esys_Unseal(esys, object, opened->session, ESYS_TR_NONE, ESYS_TR_NONE, &out);
  EsysPtr<TPM2B_SENSITIVE_DATA> data(out);
  if (rc != TSS2_RC_SUCCESS) {
    return tpm_error("TPM unseal", rc);
  }
  Key256 key{};
  if (data->size != key.size()) {
    secure_zero(data->buffer, data->size);
    return Error{ErrorCode::StorageCorrupt, "sealed key has the wrong size"};
  }
  std::copy(data->buffer, data->buffer + key.size(), key.begin());
  secure_zero(data->buffer, data->size);
  return key;
}

}  // namespace kiosk::store
