#pragma once

namespace kiosk {

// What the kiosk found when it checked a vault file's PAdES signature against
// the Government Cipher Committee trust anchors. Only Valid may be reused:
// the vault itself refuses unsigned papers (DOMAIN "Vault items").
enum class SignatureVerdict {
  Valid,
  Unsigned,
  Invalid,     // malformed, or the file changed after signing
  Untrusted,   // signed, but not by a certificate the kiosk trusts
  Unreadable,  // not a readable PDF
};

}  // namespace kiosk
