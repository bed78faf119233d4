// One secret value on the wire (docs/crypto.md#wire-format): base64(IV(12) ‖ AES-256-GCM ciphertext ‖ tag(16)),
// with AAD = UTF-8 of the secret's NAME so a ciphertext cannot be moved to another name.

import { gcmOpen, gcmSeal } from "./aes-gcm";
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from "./encoding";
import { CryptoFormatError, DecryptionError } from "./errors";

export { IV_BYTES, MIN_SEALED_BYTES as MIN_CIPHERTEXT_BYTES, TAG_BYTES } from "./aes-gcm";

/**
 * Encrypt one value under the project's data key. `ivForTests` reproduces the vectors; leave it
 * out everywhere else (a repeated IV under one key breaks AES-GCM).
 */
export async function sealValue(
  dataKey: CryptoKey,
  name: string,
  plaintext: string,
  ivForTests?: Uint8Array,
): Promise<string> {
  return base64Encode(await gcmSeal(dataKey, utf8Encode(name), utf8Encode(plaintext), ivForTests));
}

/** Decrypt one value; any failure is a DecryptionError whose message names only the NAME. */
export async function openValue(dataKey: CryptoKey, name: string, ciphertextB64: string): Promise<string> {
  const label = `Value of ${name}`;
  let sealed: Uint8Array;
  try {
    sealed = base64Decode(ciphertextB64);
  } catch (error) {
    if (error instanceof CryptoFormatError) {
      throw new DecryptionError(`${label} is not valid base64`, "malformed");
    }
    throw error;
  }
  const plaintext = await gcmOpen(dataKey, utf8Encode(name), sealed, label);
  try {
    return utf8Decode(plaintext);
  } catch {
    // Authentic but not UTF-8: only possible if someone sealed raw bytes with our key.
    throw new DecryptionError(`${label} is not UTF-8 text`, "malformed");
  }
}
