import { beforeAll, describe, expect, it } from "vitest";
import { base64Decode, base64Encode } from "./encoding";
import { CryptoFormatError, DecryptionError } from "./errors";
import { deriveProjectKey, generateSalt } from "./kdf";
import { IV_BYTES, MIN_CIPHERTEXT_BYTES, openValue, sealValue, TAG_BYTES } from "./values";

const TEST = { allowTestParameters: true };
let key: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const salt = generateSalt();
  key = (await deriveProjectKey("values-test-passphrase", salt, 2, TEST)).dataKey;
  otherKey = (await deriveProjectKey("another-passphrase", salt, 2, TEST)).dataKey;
});

async function rejection(promise: Promise<unknown>): Promise<DecryptionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DecryptionError);
  return error as DecryptionError;
}

describe("sealValue / openValue", () => {
  it("pins the layout sizes", () => {
    expect([IV_BYTES, TAG_BYTES, MIN_CIPHERTEXT_BYTES]).toEqual([12, 16, 28]);
  });

  it("round-trips text, empty, multiline and non-ASCII values", async () => {
    for (const value of ["x", "", "a\nb\r\nc", "héllo ✓ 🔐", "\uFEFFbom", "x".repeat(100_000)]) {
      const sealed = await sealValue(key, "NAME", value);
      expect(await openValue(key, "NAME", sealed)).toBe(value);
    }
  });

  it("produces IV ‖ ciphertext ‖ tag with a fresh IV each time", async () => {
    const a = base64Decode(await sealValue(key, "NAME", "same"));
    const b = base64Decode(await sealValue(key, "NAME", "same"));
    expect(a).toHaveLength(IV_BYTES + 4 + TAG_BYTES);
    expect(a.subarray(0, IV_BYTES)).not.toEqual(b.subarray(0, IV_BYTES));
  });

  it("refuses a test IV of the wrong length", async () => {
    await expect(sealValue(key, "NAME", "v", new Uint8Array(16))).rejects.toThrow(CryptoFormatError);
  });

  it("rejects the wrong key without revealing anything", async () => {
    const sealed = await sealValue(key, "DB_PASSWORD", "hunter2");
    const error = await rejection(openValue(otherKey, "DB_PASSWORD", sealed));
    expect(error.reason).toBe("authentication_failed");
    expect(error.message).toContain("DB_PASSWORD");
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain(sealed);
  });

  it("binds the value to its name (AAD)", async () => {
    const sealed = await sealValue(key, "A", "value");
    expect((await rejection(openValue(key, "B", sealed))).reason).toBe("authentication_failed");
    expect((await rejection(openValue(key, "a", sealed))).reason).toBe("authentication_failed");
  });

  it("rejects a tampered IV, ciphertext or tag", async () => {
    const sealed = base64Decode(await sealValue(key, "NAME", "value"));
    for (const index of [0, IV_BYTES, sealed.length - 1]) {
      const tampered = new Uint8Array(sealed);
      tampered[index] = (tampered[index] ?? 0) ^ 1;
      expect((await rejection(openValue(key, "NAME", base64Encode(tampered)))).reason).toBe(
        "authentication_failed",
      );
    }
  });

  it("rejects input shorter than IV + tag and malformed base64", async () => {
    const short = base64Encode(new Uint8Array(27));
    expect((await rejection(openValue(key, "NAME", short))).reason).toBe("too_short");
    expect((await rejection(openValue(key, "NAME", ""))).reason).toBe("too_short");
    expect((await rejection(openValue(key, "NAME", "abc"))).reason).toBe("malformed");
    const padded = await sealValue(key, "NAME", "value!"); // 34 bytes → ends in "=="
    expect(padded.endsWith("==")).toBe(true);
    expect((await rejection(openValue(key, "NAME", padded.slice(0, -2)))).reason).toBe("malformed");
  });
});
