// The one AES-256-GCM primitive behind value encryption (values.ts) and key wrapping (wrap.ts).
// Sealed layout: IV(12) ‖ ciphertext ‖ tag(16) — WebCrypto already appends the tag.

import { asBufferSource, concatBytes, randomBytes, type Bytes } from "./bytes";
import { CryptoFormatError, DecryptionError } from "./errors";

export const AES_KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** Shortest valid sealed input: IV and tag around an empty plaintext. */
export const MIN_SEALED_BYTES = IV_BYTES + TAG_BYTES;

/** Import 32 raw bytes as a non-extractable AES-256-GCM key (AES-128/192 are refused). */
export async function importAesGcmKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== AES_KEY_BYTES) {
    throw new CryptoFormatError(`AES key must be exactly ${AES_KEY_BYTES} bytes, got ${raw.length}`);
  }
  return crypto.subtle.importKey("raw", asBufferSource(raw), { name: "AES-GCM" }, false, [
    "encrypt",
    "decrypt",
  ]);
}

/**
 * Encrypt with a fresh random IV. `fixedIv` exists only so tests can reproduce the vectors:
 * reusing an IV under the same key breaks GCM, so production code never passes it.
 */
export async function gcmSeal(
  key: CryptoKey,
  aad: Uint8Array,
  plaintext: Uint8Array,
  fixedIv?: Uint8Array,
): Promise<Bytes> {
  if (fixedIv !== undefined && fixedIv.length !== IV_BYTES) {
    throw new CryptoFormatError(`IV must be exactly ${IV_BYTES} bytes`);
  }
  const iv = fixedIv === undefined ? randomBytes(IV_BYTES) : new Uint8Array(fixedIv);
  const ciphertextAndTag = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: asBufferSource(aad), tagLength: TAG_BYTES * 8 },
    key,
    asBufferSource(plaintext),
  );
  return concatBytes(iv, new Uint8Array(ciphertextAndTag));
}

/**
 * Decrypt IV ‖ ciphertext ‖ tag. `label` (e.g. "Value of DATABASE_URL") names what failed in
 * the error message; it must never contain secret material.
 */
export async function gcmOpen(
  key: CryptoKey,
  aad: Uint8Array,
  sealed: Uint8Array,
  label: string,
): Promise<Bytes> {
  if (sealed.length < MIN_SEALED_BYTES) {
    throw new DecryptionError(`${label} is too short to be a ciphertext`, "too_short");
  }
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: asBufferSource(sealed.subarray(0, IV_BYTES)),
        additionalData: asBufferSource(aad),
        tagLength: TAG_BYTES * 8,
      },
      key,
      asBufferSource(sealed.subarray(IV_BYTES)),
    );
    return new Uint8Array(plaintext);
  } catch (error) {
    // WebCrypto reports a failed tag check (wrong key, wrong AAD, tampering) as OperationError.
    // Anything else (e.g. a key without "decrypt" usage) is a programming error: let it surface.
    if (error instanceof Error && error.name === "OperationError") {
      throw new DecryptionError(
        `${label} could not be decrypted (wrong key, wrong name/context or tampered data)`,
        "authentication_failed",
      );
    }
    throw error;
  }
}
