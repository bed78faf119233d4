import { describe, expect, it } from "vitest";
import vectors from "./crypto-vectors.json";
import { openBlob, parseBlob, sealBlob } from "./blob";
import { base64Decode, hexDecode } from "./encoding";
import { DecryptionError } from "./errors";
import { deriveProjectKey, generateSalt } from "./kdf";
import { openValueBytes, resealBlobSync, sealValueBytes, valueKey } from "./reseal-node";
import { openValue } from "./values";

// The server's bulk re-encryption (node:crypto) against the shared vectors and against the
// WebCrypto implementation every client uses, in both directions.

describe("reseal-node", () => {
  it.each(vectors.cases.map((c, index) => [index, c] as const))("opens and reproduces vector case %i", (_index, c) => {
    const raw = valueKey(hexDecode(c.data_key_hex));
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
    const toKey = valueKey(base64Decode(to!.dataKeyBase64));
    expect(() => openValueBytes(valueKey(base64Decode(from!.dataKeyBase64)), "A", sealed)).toThrow(DecryptionError);
    expect(() => openValueBytes(toKey, "B", sealed)).toThrow(DecryptionError);
    expect(() => openValueBytes(toKey, "A", "AAAA")).toThrow(/too short/);
  });

  it("refuses every spelling of a value but the canonical one, as base64Decode does", () => {
    const key = valueKey(hexDecode(vectors.cases[0]!.data_key_hex));
    const { name, ciphertext, value } = vectors.cases[0]!.values.find((v) => v.ciphertext.endsWith("="))!;
    expect(openValueBytes(key, name, ciphertext).toString("utf8")).toBe(value);
    const lastSextet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(ciphertext.replace(/=+$/, "").at(-1)!);
    const respellings = [
      ciphertext.replace(/=+$/, ""), // padding left out
      `${ciphertext.slice(0, 8)}\n${ciphertext.slice(8)}`, // whitespace
      ciphertext.replace(/\+/g, "-").replace(/\//g, "_"), // URL-safe letters (when it has any)
      ` ${ciphertext}`,
      // The same bytes with a spare bit set in the last character before the padding.
      ciphertext.replace(/.(=+)$/, (_m, pad: string) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[lastSextet + 1]! + pad),
    ].filter((text) => text !== ciphertext);
    for (const text of respellings) expect(() => openValueBytes(key, name, text), text).toThrow(/not valid base64/);
  });
});
