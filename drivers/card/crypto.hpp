#pragma once
// Symmetric primitives of ICAO 9303 secure messaging on top of OpenSSL 3.
#include <string_view>

#include "drivers/card/bytes.hpp"

namespace kiosk::card::crypto {

// Loads the `default` and `legacy` providers once: the ISO 9797-1 MAC
// algorithm 3 of BAC needs single DES, which OpenSSL 3 keeps in `legacy`.
void ensure_providers();

enum class Direction { Encrypt, Decrypt };

// Two-key 3DES in CBC mode, no padding (input must be a multiple of 8).
Bytes des3_cbc(ByteView key16, ByteView iv, ByteView data, Direction direction);
// AES (128/192/256 by key length) in CBC mode, no padding.
Bytes aes_cbc(ByteView key, ByteView iv, ByteView data, Direction direction);
// One AES block in ECB mode, used to derive the IV of AES secure messaging.
Bytes aes_ecb_block(ByteView key, ByteView block);

// ISO 9797-1 MAC algorithm 3 ("retail MAC") with DES, over data that the
// caller already padded with method 2. Returns 8 bytes.
Bytes retail_mac(ByteView key16, ByteView padded);
// AES-CMAC (NIST SP 800-38B), full 16 bytes.
Bytes aes_cmac(ByteView key, ByteView data);

// ISO/IEC 9797-1 padding method 2: 0x80 then zeros up to the block size.
Bytes pad(ByteView data, std::size_t block);
// Removes method-2 padding; throws CardError(SecureMessaging) if absent.
Bytes unpad(ByteView data);

Bytes digest(std::string_view algorithm, ByteView data);  // "SHA1", "SHA256", ...
Bytes random_bytes(std::size_t count);

// Sets the DES parity bit of every byte (keys derived by hashing).
void adjust_parity(Bytes& key);

}  // namespace kiosk::card::crypto
