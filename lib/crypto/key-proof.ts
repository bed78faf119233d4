// Key proof (docs/crypto.md#wire-format): lets the server confirm a client used the right key without ever being
// able to recover the key. The server stores only hex(SHA-256(key_proof)).

import { asBufferSource, constantTimeEqual } from "./bytes";
import { base64Encode, hexDecode, hexEncode, utf8Encode } from "./encoding";
import { CryptoFormatError } from "./errors";

/** HMAC message; versioned so a future proof scheme can never collide with this one. */
export const KEY_CHECK_INFO = "dotenv:key-check:v1";

/** key_proof = base64(HMAC-SHA256(check_key, "dotenv:key-check:v1")). */
export async function keyProof(checkKeyBytes: Uint8Array): Promise<string> {
  const hmacKey = await crypto.subtle.importKey(
    "raw",
    asBufferSource(checkKeyBytes),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", hmacKey, utf8Encode(KEY_CHECK_INFO));
  return base64Encode(new Uint8Array(mac));
}

/** What the server stores: hex(SHA-256(UTF-8 bytes of the key_proof base64 string)). */
export async function keyProofHash(keyProofB64: string): Promise<string> {
  return hexEncode(await sha256(keyProofB64));
}

/**
 * Check a submitted key_proof against the stored hash. Both sides are hashed to fixed-size
 * digests first, then compared in constant time, so neither the submitted string's length nor
 * the position of a mismatch leaks through timing.
 */
export async function verifyKeyProof(keyProofB64: string, storedHashHex: string): Promise<boolean> {
  let stored: Uint8Array;
  try {
    stored = hexDecode(storedHashHex);
  } catch (error) {
    if (error instanceof CryptoFormatError) return false; // corrupt stored hash matches nothing
    throw error;
  }
  const submitted = await sha256(keyProofB64);
  return stored.length === submitted.length && constantTimeEqual(submitted, stored);
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", utf8Encode(text)));
}
