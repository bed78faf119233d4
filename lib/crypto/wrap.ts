// Wrapping key material (server-managed passphrases) under the server master key.
//
// Format: "v1." + base64(IV(12) ‖ AES-256-GCM ciphertext ‖ tag(16)), AAD = "dotenv:wrap:v1:" +
// context. The context (e.g. the project key version id) binds a wrapped value to its row, so a
// database attacker cannot swap wrapped values between rows and have them unwrap. The "v1."
// prefix leaves room for a future scheme without guessing.

import { gcmOpen, gcmSeal, importAesGcmKey, AES_KEY_BYTES } from "./aes-gcm";
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from "./encoding";
import { CryptoFormatError, DecryptionError, MasterKeyError } from "./errors";

export const WRAP_PREFIX = "v1.";
export const WRAP_AAD_PREFIX = "dotenv:wrap:v1:";
export const MASTER_KEY_BYTES = AES_KEY_BYTES;

/** Import the master key from base64 of exactly 32 bytes. Errors never include the input. */
export async function importMasterKey(masterKeyB64: string): Promise<CryptoKey> {
  let raw: Uint8Array;
  try {
    raw = base64Decode(masterKeyB64);
  } catch (error) {
    if (error instanceof CryptoFormatError) {
      throw new MasterKeyError("Master key is not valid standard base64 (expected 32 random bytes)");
    }
    throw error;
  }
  try {
    if (raw.length !== MASTER_KEY_BYTES) {
      throw new MasterKeyError(
        `Master key must be exactly ${MASTER_KEY_BYTES} bytes, got ${raw.length} (generate one with: openssl rand -base64 32)`,
      );
    }
    return await importAesGcmKey(raw);
  } finally {
    raw.fill(0);
  }
}

/** Encrypt `plaintext` under the master key, bound to `context`. */
export async function wrapSecret(masterKey: CryptoKey, plaintext: string, context: string): Promise<string> {
  const sealed = await gcmSeal(masterKey, wrapAad(context), utf8Encode(plaintext));
  return WRAP_PREFIX + base64Encode(sealed);
}

/** Reverse of wrapSecret; throws DecryptionError on a wrong key, wrong context or tampering. */
export async function unwrapSecret(masterKey: CryptoKey, wrapped: string, context: string): Promise<string> {
  const label = "Wrapped secret";
  if (!wrapped.startsWith(WRAP_PREFIX)) {
    throw new DecryptionError(`${label} has an unknown format version`, "malformed");
  }
  let sealed: Uint8Array;
  try {
    sealed = base64Decode(wrapped.slice(WRAP_PREFIX.length));
  } catch (error) {
    if (error instanceof CryptoFormatError) throw new DecryptionError(`${label} is not valid base64`, "malformed");
    throw error;
  }
  const plaintext = await gcmOpen(masterKey, wrapAad(context), sealed, label);
  try {
    return utf8Decode(plaintext);
  } catch {
    throw new DecryptionError(`${label} is not UTF-8 text`, "malformed");
  }
}

function wrapAad(context: string): Uint8Array {
  // An empty context would silently drop the row binding this format exists to provide.
  if (context.length === 0) throw new CryptoFormatError("Wrap context must not be empty");
  return utf8Encode(WRAP_AAD_PREFIX + context);
}
