// Server-only: re-encrypting whole blobs in bulk (re-encrypting history) with node:crypto's
// synchronous AES-256-GCM. The same wire format as values.ts — base64(IV(12) ‖ ciphertext ‖
// tag(16)), AAD = the NAME — checked against the shared vectors and against values.ts both ways
// (vectors.test.ts, reseal-node.test.ts). It exists because WebCrypto dispatches every value to a
// thread pool (~60 µs of CPU per call here, against ~15 µs), and a history of thousands of
// versions × names is exactly that many calls. Never exported from index.ts: browsers and the CLI
// use values.ts, and nothing else may use this.

import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from "node:crypto";
import { AES_KEY_BYTES, IV_BYTES, MIN_SEALED_BYTES, TAG_BYTES } from "./aes-gcm";
import { parseBlob, serializeBlob } from "./blob";
import { CryptoFormatError, DecryptionError } from "./errors";

function checkKey(raw: Uint8Array): void {
  if (raw.length !== AES_KEY_BYTES) throw new CryptoFormatError(`AES key must be exactly ${AES_KEY_BYTES} bytes, got ${raw.length}`);
}

/**
 * The key of a run of values, made once: createDecipheriv with a KeyObject skips importing raw
 * bytes on every call (~15% of opening a value).
 */
export function valueKey(rawKey: Uint8Array): KeyObject {
  checkKey(rawKey);
  return createSecretKey(rawKey);
}

/** Opens one value (bytes, not decoded: re-encryption passes them on unchanged). */
export function openValueBytes(key: KeyObject, name: string, ciphertextB64: string): Buffer {
  const label = `Value of ${name}`;
  const sealed = Buffer.from(ciphertextB64, "base64");
  // Buffer decodes leniently (whitespace, no padding, URL-safe letters): base64Decode's one
  // spelling per value holds only if the text is exactly what the bytes encode back to.
  if (sealed.toString("base64") !== ciphertextB64) throw new DecryptionError(`${label} is not valid base64`, "malformed");
  if (sealed.length < MIN_SEALED_BYTES) throw new DecryptionError(`${label} is too short to be a ciphertext`, "too_short");
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(name, "utf8"));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError(`${label} could not be decrypted (wrong key, wrong name/context or tampered data)`, "authentication_failed");
  }
}

/**
 * Seals one value's bytes. `iv` must be fresh random bytes (resealBlobSync draws all of a blob's
 * at once: one call to the random source instead of one per value); omitted, one is drawn here.
 * The vectors test passes theirs to reproduce them.
 */
export function sealValueBytes(key: KeyObject, name: string, plaintext: Uint8Array, iv: Uint8Array = randomBytes(IV_BYTES)): string {
  if (iv.length !== IV_BYTES) throw new CryptoFormatError(`IV must be exactly ${IV_BYTES} bytes`);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(name, "utf8"));
  // Buffer's encoder: standard base64 with padding, as base64Encode writes it, at a fraction of the cost.
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString("base64");
}

/** resealBlob (blob.ts) for raw key bytes: every value opened with `from`, sealed with `to`; names and order kept. */
export function resealBlobSync(from: Uint8Array, to: Uint8Array, blobText: string): string {
  const [fromKey, toKey] = [valueKey(from), valueKey(to)];
  const entries = [...parseBlob(blobText)];
  const ivs = randomBytes(IV_BYTES * entries.length);
  return serializeBlob(entries.map(([name, ciphertext], index) =>
    [name, sealValueBytes(toKey, name, openValueBytes(fromKey, name, ciphertext), ivs.subarray(index * IV_BYTES, (index + 1) * IV_BYTES))] as const));
}
