import { afterEach, describe, expect, it, vi } from "vitest";
import vectors from "./crypto-vectors.json";
import { base64Decode, base64Encode, base64UrlDecode, hexEncode } from "./encoding";
import { CryptoFormatError, KdfParameterError } from "./errors";
import {
  assertKdfParameters,
  DEFAULT_ITERATIONS,
  deriveProjectKey,
  deriveRawKeyBytes,
  generatePassphrase,
  generateSalt,
  importDataKey,
  KDF_NAME,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  SALT_BYTES,
} from "./kdf";
import { openValue, sealValue } from "./values";

const SALT = generateSalt();

afterEach(() => {
  vi.restoreAllMocks();
});

describe("KDF parameters", () => {
  it("pins the published constants", () => {
    expect(KDF_NAME).toBe("PBKDF2-SHA256");
    expect([DEFAULT_ITERATIONS, MIN_ITERATIONS, MAX_ITERATIONS, SALT_BYTES]).toEqual([
      600_000, 600_000, 10_000_000, 16,
    ]);
  });

  it.each([599_999, 10_000_001, 0, -1, 600_000.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses %d iterations before deriving anything",
    async (iterations) => {
      const deriveBits = vi.spyOn(globalThis.crypto.subtle, "deriveBits");
      await expect(deriveProjectKey("a long enough passphrase", SALT, iterations)).rejects.toThrow(
        KdfParameterError,
      );
      await expect(deriveRawKeyBytes("a long enough passphrase", SALT, iterations)).rejects.toThrow(
        KdfParameterError,
      );
      expect(deriveBits).not.toHaveBeenCalled();
    },
  );

  it("accepts the bounds 600,000 and 10,000,000", () => {
    expect(assertKdfParameters(SALT, 600_000)).toHaveLength(SALT_BYTES);
    expect(assertKdfParameters(SALT, 10_000_000)).toHaveLength(SALT_BYTES);
  });

  it("derives with 600,000 iterations (the default for new keys)", async () => {
    const key = await deriveProjectKey("a long enough passphrase", SALT, DEFAULT_ITERATIONS);
    expect(key.keyProof).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it("keeps the upper bound and salt length even with the test escape hatch", () => {
    const opts = { allowTestParameters: true };
    expect(() => assertKdfParameters(SALT, 2, opts)).not.toThrow();
    expect(() => assertKdfParameters(SALT, 10_000_001, opts)).toThrow(KdfParameterError);
    expect(() => assertKdfParameters(SALT, 0, opts)).toThrow(KdfParameterError);
    expect(() => assertKdfParameters(base64Encode(new Uint8Array(8)), 2, opts)).toThrow(KdfParameterError);
  });

  it.each([
    ["15 bytes", base64Encode(new Uint8Array(15))],
    ["17 bytes", base64Encode(new Uint8Array(17))],
    ["empty", ""],
    ["not base64", "not a salt!"],
    ["hex instead of base64", "000102030405060708090a0b0c0d0e0f"],
  ])("refuses a salt that is %s", async (_why, salt) => {
    const deriveBits = vi.spyOn(globalThis.crypto.subtle, "deriveBits");
    await expect(deriveProjectKey("a long enough passphrase", salt, 600_000)).rejects.toThrow(KdfParameterError);
    expect(deriveBits).not.toHaveBeenCalled();
  });

  it("refuses an empty passphrase", async () => {
    await expect(deriveProjectKey("", SALT, 600_000)).rejects.toThrow(KdfParameterError);
  });
});

describe("derivation", () => {
  const nfcCase = vectors.cases.find((c) => c.passphrase === "pässwörd-NFC-é");

  it("NFC-normalises the passphrase (NFD input derives the same keys)", async () => {
    if (!nfcCase) throw new Error("NFC vector missing");
    const nfd = nfcCase.passphrase.normalize("NFD");
    expect(nfd).not.toBe(nfcCase.passphrase);
    const raw = await deriveRawKeyBytes(nfd, nfcCase.salt, nfcCase.iterations, { allowTestParameters: true });
    expect(hexEncode(raw.dataKeyBytes)).toBe(nfcCase.data_key_hex);
    expect(hexEncode(raw.checkKeyBytes)).toBe(nfcCase.check_key_hex);
    const key = await deriveProjectKey(nfd, nfcCase.salt, nfcCase.iterations, { allowTestParameters: true });
    expect(key.keyProof).toBe(nfcCase.key_proof);
  });

  it("returns a non-extractable data key and only exports raw bytes when asked", async () => {
    const plain = await deriveProjectKey("pw-for-test", SALT, 2, { allowTestParameters: true });
    expect(plain.dataKey.extractable).toBe(false);
    expect(plain.dataKey.algorithm.name).toBe("AES-GCM");
    expect(plain).not.toHaveProperty("dataKeyBase64");
    await expect(crypto.subtle.exportKey("raw", plain.dataKey)).rejects.toThrow();

    const exported = await deriveProjectKey("pw-for-test", SALT, 2, {
      allowTestParameters: true,
      exportDataKey: true,
    });
    expect(base64Decode(exported.dataKeyBase64)).toHaveLength(32);
    expect(exported.keyProof).toBe(plain.keyProof);
  });

  it("importDataKey interoperates with the derived key", async () => {
    const derived = await deriveProjectKey("pw-for-test", SALT, 2, {
      allowTestParameters: true,
      exportDataKey: true,
    });
    const imported = await importDataKey(derived.dataKeyBase64);
    expect(imported.extractable).toBe(false);
    const ciphertext = await sealValue(derived.dataKey, "API_KEY", "value");
    expect(await openValue(imported, "API_KEY", ciphertext)).toBe("value");
  });

  it("importDataKey refuses anything but base64 of 32 bytes", async () => {
    for (const bad of [base64Encode(new Uint8Array(31)), base64Encode(new Uint8Array(33)), "nope"]) {
      await expect(importDataKey(bad)).rejects.toThrow(CryptoFormatError);
    }
  });
});

describe("generators", () => {
  it("generateSalt returns 16 fresh random bytes in base64", () => {
    const a = generateSalt();
    expect(base64Decode(a)).toHaveLength(16);
    expect(generateSalt()).not.toBe(a);
  });

  it("generatePassphrase returns 32 fresh random bytes in base64url", () => {
    const a = generatePassphrase();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(base64UrlDecode(a)).toHaveLength(32);
    expect(generatePassphrase()).not.toBe(a);
  });
});
