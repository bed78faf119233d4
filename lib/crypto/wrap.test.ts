import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "./bytes";
import { base64Decode, base64Encode } from "./encoding";
import { CryptoFormatError, DecryptionError, MasterKeyError } from "./errors";
import { generatePassphrase } from "./kdf";
import { importMasterKey, unwrapSecret, WRAP_PREFIX, wrapSecret } from "./wrap";

const MASTER_B64 = base64Encode(randomBytes(32));
let master: CryptoKey;
let otherMaster: CryptoKey;

beforeAll(async () => {
  master = await importMasterKey(MASTER_B64);
  otherMaster = await importMasterKey(base64Encode(randomBytes(32)));
});

describe("importMasterKey", () => {
  it("imports 32 bytes as a non-extractable AES-GCM key", () => {
    expect(master.extractable).toBe(false);
    expect(master.algorithm.name).toBe("AES-GCM");
  });

  it.each([
    ["31 bytes", base64Encode(randomBytes(31))],
    ["33 bytes", base64Encode(randomBytes(33))],
    ["16 bytes (AES-128)", base64Encode(randomBytes(16))],
    ["not base64", "this is not base64!"],
    ["base64url", generatePassphrase()],
  ])("rejects %s without echoing the input", async (_why, input) => {
    const error = await importMasterKey(input).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as Error).message).not.toContain(input);
  });
});

describe("wrapSecret / unwrapSecret", () => {
  it("round-trips with a versioned format", async () => {
    const secret = generatePassphrase();
    const wrapped = await wrapSecret(master, secret, "pkv_01ARZ3NDEKTSV4RRFFQ69G5FAV");
    expect(wrapped.startsWith(WRAP_PREFIX)).toBe(true);
    expect(wrapped).not.toContain(secret);
    expect(base64Decode(wrapped.slice(WRAP_PREFIX.length)).length).toBe(12 + secret.length + 16);
    expect(await unwrapSecret(master, wrapped, "pkv_01ARZ3NDEKTSV4RRFFQ69G5FAV")).toBe(secret);
    expect(await unwrapSecret(master, await wrapSecret(master, "ünïcode ✓", "ctx"), "ctx")).toBe("ünïcode ✓");
  });

  it("uses a fresh IV each time", async () => {
    expect(await wrapSecret(master, "same", "ctx")).not.toBe(await wrapSecret(master, "same", "ctx"));
  });

  it("rejects a wrong context (no swapping wrapped values between rows)", async () => {
    const wrapped = await wrapSecret(master, "secret", "key-version-1");
    await expect(unwrapSecret(master, wrapped, "key-version-2")).rejects.toThrow(DecryptionError);
  });

  it("rejects a tampered ciphertext, a wrong master key and unknown formats", async () => {
    const wrapped = await wrapSecret(master, "secret", "ctx");
    const sealed = base64Decode(wrapped.slice(WRAP_PREFIX.length));
    sealed[14] = (sealed[14] ?? 0) ^ 0x80;
    const tampered = WRAP_PREFIX + base64Encode(sealed);
    await expect(unwrapSecret(master, tampered, "ctx")).rejects.toThrow(DecryptionError);
    await expect(unwrapSecret(otherMaster, wrapped, "ctx")).rejects.toThrow(DecryptionError);
    await expect(unwrapSecret(master, wrapped.replace(/^v1\./, "v2."), "ctx")).rejects.toThrow(DecryptionError);
    await expect(unwrapSecret(master, wrapped.slice(WRAP_PREFIX.length), "ctx")).rejects.toThrow(DecryptionError);
    await expect(unwrapSecret(master, "v1.%%%", "ctx")).rejects.toThrow(DecryptionError);
  });

  it("refuses an empty context", async () => {
    await expect(wrapSecret(master, "secret", "")).rejects.toThrow(CryptoFormatError);
  });
});
