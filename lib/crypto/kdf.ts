// Passphrase → project key (docs/crypto.md#wire-format). PBKDF2-HMAC-SHA256 over the NFC-normalised UTF-8 passphrase,
// 64 output bytes: data_key = bytes 0–31 (AES-256-GCM), check_key = bytes 32–63 (key proof only).

import { importAesGcmKey } from "./aes-gcm";
import { randomBytes, type Bytes } from "./bytes";
import { base64Decode, base64Encode, base64UrlEncode, utf8Encode } from "./encoding";
import { CryptoFormatError, KdfParameterError } from "./errors";
import { keyProof } from "./key-proof";

export const KDF_NAME = "PBKDF2-SHA256";
export const DEFAULT_ITERATIONS = 600_000;
export const MIN_ITERATIONS = 600_000;
export const MAX_ITERATIONS = 10_000_000;
export const SALT_BYTES = 16;
export const DATA_KEY_BYTES = 32;
const DERIVED_BYTES = 64;
/** Minimum length for passphrases people choose (docs/crypto.md#wire-format). Enforced on new keys by the UI/API,
 * not here: derivation must keep working for every key that already exists. */
export const MIN_PASSPHRASE_LENGTH = 16;
/** Longest passphrase the API accepts when a client hands one to the server (custody → server). */
export const MAX_PASSPHRASE_BYTES = 1024;

export interface KdfOptions {
  /**
   * Tests only: allow fewer than MIN_ITERATIONS so the published vectors (1000 and 2 iterations)
   * can be checked. Salt length and the upper bound are still enforced.
   */
  allowTestParameters?: boolean;
}

export interface DeriveOptions extends KdfOptions {
  /** Also return the raw data key (base64): the server needs it to answer `key:retrieve`. */
  exportDataKey?: boolean;
}

export interface ProjectKey {
  /** Non-extractable AES-256-GCM key for sealValue/openValue. */
  dataKey: CryptoKey;
  /** base64 HMAC proof the server can check against its stored hash. */
  keyProof: string;
}

export interface ExportedProjectKey extends ProjectKey {
  /** base64 of the 32 data_key bytes — secret; only for server-managed `key:retrieve`. */
  dataKeyBase64: string;
}

/**
 * Refuse parameters outside policy before any work is done, on server and client alike: a
 * malicious server must not be able to talk a client into a weak derivation. Returns the salt.
 */
export function assertKdfParameters(saltB64: string, iterations: number, opts: KdfOptions = {}): Bytes {
  const min = opts.allowTestParameters ? 1 : MIN_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < min || iterations > MAX_ITERATIONS) {
    throw new KdfParameterError(
      `PBKDF2 iterations must be an integer between ${MIN_ITERATIONS} and ${MAX_ITERATIONS}`,
    );
  }
  let salt: Bytes;
  try {
    salt = base64Decode(saltB64);
  } catch (error) {
    if (error instanceof CryptoFormatError) throw new KdfParameterError("Salt is not valid base64");
    throw error;
  }
  if (salt.length !== SALT_BYTES) {
    throw new KdfParameterError(`Salt must be exactly ${SALT_BYTES} bytes, got ${salt.length}`);
  }
  return salt;
}

/**
 * The raw 64-byte split. Prefer deriveProjectKey; this exists for the vectors test and for code
 * that must hand check_key bytes to keyProof itself. Callers should discard the bytes promptly.
 */
export async function deriveRawKeyBytes(
  passphrase: string,
  saltB64: string,
  iterations: number,
  opts: KdfOptions = {},
): Promise<{ dataKeyBytes: Bytes; checkKeyBytes: Bytes }> {
  const salt = assertKdfParameters(saltB64, iterations, opts);
  const normalised = passphrase.normalize("NFC");
  if (normalised.length === 0) throw new KdfParameterError("Passphrase must not be empty");

  const baseKey = await crypto.subtle.importKey("raw", utf8Encode(normalised), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    baseKey,
    DERIVED_BYTES * 8,
  );
  const derived = new Uint8Array(bits);
  return {
    dataKeyBytes: derived.slice(0, DATA_KEY_BYTES),
    checkKeyBytes: derived.slice(DATA_KEY_BYTES, DERIVED_BYTES),
  };
}

/** Derive the project's data key and key proof from its passphrase. */
export async function deriveProjectKey(
  passphrase: string,
  saltB64: string,
  iterations: number,
  opts: DeriveOptions & { exportDataKey: true },
): Promise<ExportedProjectKey>;
export async function deriveProjectKey(
  passphrase: string,
  saltB64: string,
  iterations: number,
  opts?: DeriveOptions,
): Promise<ProjectKey>;
export async function deriveProjectKey(
  passphrase: string,
  saltB64: string,
  iterations: number,
  opts: DeriveOptions = {},
): Promise<ProjectKey | ExportedProjectKey> {
  const { dataKeyBytes, checkKeyBytes } = await deriveRawKeyBytes(passphrase, saltB64, iterations, opts);
  try {
    const result: ProjectKey = {
      dataKey: await importAesGcmKey(dataKeyBytes),
      keyProof: await keyProof(checkKeyBytes),
    };
    return opts.exportDataKey ? { ...result, dataKeyBase64: base64Encode(dataKeyBytes) } : result;
  } finally {
    // Best effort: do not leave raw key bytes lying around in our own buffers.
    dataKeyBytes.fill(0);
    checkKeyBytes.fill(0);
  }
}

/** Import a data key received from `key:retrieve` (base64 of exactly 32 bytes). */
export async function importDataKey(dataKeyB64: string): Promise<CryptoKey> {
  const raw = base64Decode(dataKeyB64);
  try {
    if (raw.length !== DATA_KEY_BYTES) {
      throw new CryptoFormatError(`Data key must be exactly ${DATA_KEY_BYTES} bytes, got ${raw.length}`);
    }
    return await importAesGcmKey(raw);
  } finally {
    raw.fill(0);
  }
}

/** A fresh random salt for a new key version (base64, 16 bytes). */
export function generateSalt(): string {
  return base64Encode(randomBytes(SALT_BYTES));
}

/** Generated key material: 32 random bytes, base64url (server-managed keys and the UI's offer). */
export function generatePassphrase(): string {
  return base64UrlEncode(randomBytes(32));
}
