// Every implementation (server, browser, CLI — all this module) must reproduce the published
// vectors bit for bit and reject the negative cases. Any change to the KDF split, the key-check
// string, the AAD or the wire layout breaks one of these assertions.

import { beforeAll, describe, expect, it } from "vitest";
import vectors from "./crypto-vectors.json";
import { parseBlob, openBlob, serializeBlob } from "./blob";
import { base64Decode, hexDecode, hexEncode } from "./encoding";
import { DecryptionError } from "./errors";
import { deriveProjectKey, deriveRawKeyBytes, importDataKey, type ExportedProjectKey } from "./kdf";
import { keyProof, keyProofHash, verifyKeyProof } from "./key-proof";
import { openValue, sealValue } from "./values";

type VectorCase = (typeof vectors.cases)[number];

const TEST_PARAMS = { allowTestParameters: true } as const;

describe.each(vectors.cases.map((c, index) => [index, c] as const))("vector case %i", (index, c: VectorCase) => {
  let derived: ExportedProjectKey;
  let raw: Awaited<ReturnType<typeof deriveRawKeyBytes>>;

  beforeAll(async () => {
    raw = await deriveRawKeyBytes(c.passphrase, c.salt, c.iterations, TEST_PARAMS);
    derived = await deriveProjectKey(c.passphrase, c.salt, c.iterations, {
      ...TEST_PARAMS,
      exportDataKey: true,
    });
  });

  it("has a salt whose base64 and hex forms agree", () => {
    expect(hexEncode(base64Decode(c.salt))).toBe(c.salt_hex);
  });

  it("derives data_key and check_key", () => {
    expect(hexEncode(raw.dataKeyBytes)).toBe(c.data_key_hex);
    expect(hexEncode(raw.checkKeyBytes)).toBe(c.check_key_hex);
    expect(hexEncode(base64Decode(derived.dataKeyBase64))).toBe(c.data_key_hex);
  });

  it("computes the key proof and its stored hash", async () => {
    expect(await keyProof(hexDecode(c.check_key_hex))).toBe(c.key_proof);
    expect(derived.keyProof).toBe(c.key_proof);
    expect(await keyProofHash(c.key_proof)).toBe(c.key_proof_sha256_hex);
    expect(await verifyKeyProof(derived.keyProof, c.key_proof_sha256_hex)).toBe(true);
  });

  it("decrypts every value", async () => {
    for (const v of c.values) {
      expect(await openValue(derived.dataKey, v.name, v.ciphertext)).toBe(v.value);
    }
  });

  it("decrypts every value with a data key imported from base64 (key:retrieve path)", async () => {
    const imported = await importDataKey(derived.dataKeyBase64);
    for (const v of c.values) {
      expect(await openValue(imported, v.name, v.ciphertext)).toBe(v.value);
    }
  });

  it("reproduces every ciphertext when sealing with the fixed IV", async () => {
    for (const v of c.values) {
      expect(await sealValue(derived.dataKey, v.name, v.value, hexDecode(v.iv))).toBe(v.ciphertext);
    }
  });

  it("serialises the values to the exact blob and parses it back", async () => {
    const pairs = c.values.map((v) => [v.name, v.ciphertext] as const);
    expect(serializeBlob(pairs)).toBe(c.blob);
    expect([...parseBlob(c.blob)]).toEqual(pairs);
    const opened = await openBlob(derived.dataKey, c.blob);
    expect([...opened]).toEqual(c.values.map((v) => [v.name, v.value]));
  });
});

describe("negative vectors", () => {
  it.each(vectors.negative.map((n) => [n.why, n] as const))("rejects: %s", async (_why, n) => {
    const c = vectors.cases[n.case];
    if (!c) throw new Error(`negative vector refers to missing case ${n.case}`);
    const { dataKey } = await deriveProjectKey(c.passphrase, c.salt, c.iterations, TEST_PARAMS);
    const attempt = openValue(dataKey, n.name, n.ciphertext);
    await expect(attempt).rejects.toBeInstanceOf(DecryptionError);
    await expect(attempt).rejects.not.toThrow(n.ciphertext);
  });

  it("covers all four published negative cases", () => {
    expect(vectors.negative).toHaveLength(4);
  });
});
