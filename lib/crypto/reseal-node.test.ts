import { describe, expect, it } from "vitest";
import vectors from "./crypto-vectors.json";
import { openBlob, parseBlob, sealBlob } from "./blob";
import { base64Decode, hexDecode } from "./encoding";
import { DecryptionError } from "./errors";
import { deriveProjectKey, generateSalt } from "./kdf";
import { openValueBytes, resealBlobSync, sealValueBytes } from "./reseal-node";
import { openValue } from "./values";

// The server's bulk re-encryption (node:crypto) against the shared vectors and against the
// WebCrypto implementation every client uses, in both directions.

describe("reseal-node", () => {
  it.each(vectors.cases.map((c, index) => [index, c] as const))("opens and reproduces vector case %i", (_index, c) => {
    const raw = hexDecode(c.data_key_hex);
    for (const v of c.values) {
      expect(openValueBytes(raw, v.name, v.ciphertext).toString("utf8")).toBe(v.value);
      const iv = base64Decode(v.ciphertext).subarray(0, 12);
      expect(sealValueBytes(raw, v.name, new TextEncoder().encode(v.value), iv)).toBe(v.ciphertext);
    }
  });

  it("re-encrypts a blob that WebCrypto opens with the new key, and refuses a wrong key or a moved value", async () => {
    const [from, to] = await Promise.all([0, 1].map(() => deriveProjectKey(`reseal ${Math.random()}`, generateSalt(), 2, { allowTestParameters: true, exportDataKey: true })));
    const values = { A: "alpha", EMPTY: "", UNICODE: "✓ 🔐 日本語", MULTI: "line\nline" };
    const resealed = resealBlobSync(base64Decode(from!.dataKeyBase64), base64Decode(to!.dataKeyBase64), await sealBlob(from!.dataKey, values));
    expect(Object.fromEntries(await openBlob(to!.dataKey, resealed))).toEqual(values);
    expect([...parseBlob(resealed).keys()]).toEqual(Object.keys(values));
    const sealed = parseBlob(resealed).get("A")!;
    expect(await openValue(to!.dataKey, "A", sealed)).toBe("alpha");
    expect(() => openValueBytes(base64Decode(from!.dataKeyBase64), "A", sealed)).toThrow(DecryptionError);
    expect(() => openValueBytes(base64Decode(to!.dataKeyBase64), "B", sealed)).toThrow(DecryptionError);
    expect(() => openValueBytes(base64Decode(to!.dataKeyBase64), "A", "AAAA")).toThrow(/too short/);
  });
});
