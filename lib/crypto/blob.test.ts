import { beforeAll, describe, expect, it } from "vitest";
import {
  isValidSecretName,
  MAX_BLOB_BYTES,
  MAX_NAMES_PER_BLOB,
  openBlob,
  parseBlob,
  resealBlob,
  sealBlob,
  SECRET_NAME_PATTERN,
  serializeBlob,
} from "./blob";
import { base64Encode } from "./encoding";
import { BlobFormatError, DecryptionError } from "./errors";
import { deriveProjectKey, generateSalt } from "./kdf";

// Shape-valid ciphertexts (IV + tag sized); parse/serialise never decrypt.
const CT = base64Encode(new Uint8Array(28));
const CT2 = base64Encode(new Uint8Array(40).fill(9));

function blobFormatError(run: () => unknown): BlobFormatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BlobFormatError);
    return error as BlobFormatError;
  }
  throw new Error("expected a BlobFormatError");
}

function namesBlob(count: number): string {
  return Array.from({ length: count }, (_, i) => `N${i}=${CT}\n`).join("");
}

describe("constants", () => {
  it("pins the limits and the name pattern", () => {
    expect(MAX_BLOB_BYTES).toBe(262_144);
    expect(MAX_NAMES_PER_BLOB).toBe(1000);
    expect(SECRET_NAME_PATTERN.source).toBe("^[A-Za-z_][A-Za-z0-9_]*$");
    for (const ok of ["A", "_", "_x1", "DATABASE_URL", "lower"]) expect(isValidSecretName(ok)).toBe(true);
    for (const bad of ["", "1A", "A-B", "A B", "É", "A.B", "A\n"]) expect(isValidSecretName(bad)).toBe(false);
  });
});

describe("parseBlob", () => {
  it("ignores blank lines and # comments and keeps file order", () => {
    const text = `# header\n\nB=${CT}\n   \n#A=not-even-checked\nA=${CT2}\n`;
    expect([...parseBlob(text)]).toEqual([
      ["B", CT],
      ["A", CT2],
    ]);
  });

  it("accepts an empty blob and a missing final newline", () => {
    expect(parseBlob("").size).toBe(0);
    expect([...parseBlob(`A=${CT}`)]).toEqual([["A", CT]]);
  });

  it("handles names that are special in plain objects", () => {
    expect(parseBlob(`__proto__=${CT}\nconstructor=${CT2}\n`).get("__proto__")).toBe(CT);
  });

  it("rejects a duplicate name, citing both lines", () => {
    const error = blobFormatError(() => parseBlob(`A=${CT}\n# c\nB=${CT}\nA=${CT2}\n`));
    expect(error.line).toBe(4);
    expect(error.message).toBe("line 4: duplicate name A (first defined on line 1)");
  });

  it.each([
    ["starts with a digit", `1ABC=${CT}`],
    ["contains a dash", `MY-NAME=${CT}`],
    ["has spaces around '='", `NAME = ${CT}`],
    ["is empty", `=${CT}`],
    ["is indented", ` NAME=${CT}`],
  ])("rejects a name that %s, without echoing the line", (_why, line) => {
    const error = blobFormatError(() => parseBlob(`OK=${CT}\n${line}\n`));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^line 2: invalid name/);
    expect(error.message).not.toContain(CT);
  });

  it("rejects a line without '=' and does not echo it", () => {
    const error = blobFormatError(() => parseBlob(`OK=${CT}\npostgres://user:hunter2@db\n`));
    expect(error.message).toBe("line 2: expected NAME=CIPHERTEXT but found no '='");
    expect(error.message).not.toContain("hunter2");
  });

  it.each([
    ["plaintext", "A=hunter2-plaintext"],
    ["empty", "A="],
    ["too short", `A=${base64Encode(new Uint8Array(27))}`],
    ["unpadded", `A=${CT.replace(/=+$/, "")}`],
  ])("rejects a value that is not a ciphertext (%s) without echoing it", (_why, line) => {
    const error = blobFormatError(() => parseBlob(`${line}\n`));
    expect(error.message).toBe("line 1: the value of A is not a ciphertext (base64 of IV ‖ ciphertext ‖ tag)");
  });

  it("rejects CRLF line endings", () => {
    expect(blobFormatError(() => parseBlob(`A=${CT}\r\nB=${CT}\r\n`)).line).toBe(1);
  });

  it("accepts 1,000 names and rejects the 1,001st", () => {
    expect(parseBlob(namesBlob(MAX_NAMES_PER_BLOB)).size).toBe(MAX_NAMES_PER_BLOB);
    const error = blobFormatError(() => parseBlob(namesBlob(MAX_NAMES_PER_BLOB + 1)));
    expect(error.line).toBe(1001);
    expect(error.message).toContain("more than 1000 names");
  });

  it("rejects a blob over 256 KiB, measured in UTF-8 bytes", () => {
    const huge = `A=${base64Encode(new Uint8Array(200_000))}\n`;
    expect(blobFormatError(() => parseBlob(huge)).message).toMatch(/maximum is 262144 bytes/);
    // 140,001 characters but 280,001 bytes: a character count would wrongly accept this.
    const multibyte = `#${"é".repeat(140_000)}\nA=${CT}\n`;
    expect(multibyte.length).toBeLessThan(MAX_BLOB_BYTES);
    expect(() => parseBlob(multibyte)).toThrow(BlobFormatError);
  });
});

describe("serializeBlob", () => {
  it("writes NAME=CIPHERTEXT\\n per entry from a Map, pairs or a record", () => {
    const expected = `B=${CT}\nA=${CT2}\n`;
    expect(serializeBlob(new Map([["B", CT], ["A", CT2]]))).toBe(expected);
    expect(serializeBlob([["B", CT], ["A", CT2]])).toBe(expected);
    expect(serializeBlob({ B: CT, A: CT2 })).toBe(expected);
    expect(serializeBlob([])).toBe("");
  });

  it("round-trips through parseBlob", () => {
    const entries = new Map([["X", CT], ["Y_2", CT2]]);
    expect(parseBlob(serializeBlob(entries))).toEqual(entries);
  });

  it("rejects invalid names, duplicates, non-ciphertexts and too many names", () => {
    expect(blobFormatError(() => serializeBlob([["BAD NAME", CT]])).message).toMatch(/^entry 1: invalid name/);
    expect(blobFormatError(() => serializeBlob([["A", CT], ["A", CT2]])).message).toBe(
      "entry 2: duplicate name A",
    );
    const injected = blobFormatError(() => serializeBlob([["A", `${CT}\nEVIL=${CT}`]]));
    expect(injected.message).not.toContain("EVIL");
    const tooMany = Array.from({ length: 1001 }, (_, i) => [`N${i}`, CT] as const);
    expect(() => serializeBlob(tooMany)).toThrow(BlobFormatError);
  });
});

describe("sealBlob / openBlob", () => {
  let key: CryptoKey;
  beforeAll(async () => {
    key = (await deriveProjectKey("blob-test-passphrase", generateSalt(), 2, { allowTestParameters: true })).dataKey;
  });

  it("round-trips plaintext values in order", async () => {
    const values = { Z: "last?", A: "multi\nline", EMPTY: "", U: "✓ 🔐" };
    const blob = await sealBlob(key, values);
    expect(blob.split("\n").map((l) => l.split("=")[0])).toEqual(["Z", "A", "EMPTY", "U", ""]);
    expect(Object.fromEntries(await openBlob(key, blob))).toEqual(values);
  });

  it("refuses an invalid name before encrypting, and a swapped value on open", async () => {
    await expect(sealBlob(key, { "not valid": "x" })).rejects.toThrow(BlobFormatError);
    const blob = await sealBlob(key, { A: "a", B: "b" });
    const parsed = parseBlob(blob);
    const swapped = serializeBlob([["A", parsed.get("B") ?? ""], ["B", parsed.get("A") ?? ""]]);
    await expect(openBlob(key, swapped)).rejects.toThrow(DecryptionError);
  });
});

describe("resealBlob", () => {
  let oldKey: CryptoKey;
  let newKey: CryptoKey;
  beforeAll(async () => {
    oldKey = (await deriveProjectKey("old passphrase", generateSalt(), 2, { allowTestParameters: true })).dataKey;
    newKey = (await deriveProjectKey("new passphrase", generateSalt(), 2, { allowTestParameters: true })).dataKey;
  });

  it("re-encrypts every value under the new key, keeping names, order and values", async () => {
    const values = { Z: "z", A: "multi\nline", EMPTY: "" };
    const blob = await sealBlob(oldKey, values);
    const resealed = await resealBlob(oldKey, newKey, blob);
    expect([...parseBlob(resealed).keys()]).toEqual(["Z", "A", "EMPTY"]);
    expect(Object.fromEntries(await openBlob(newKey, resealed))).toEqual(values);
    await expect(openBlob(oldKey, resealed)).rejects.toThrow(DecryptionError);
    expect(await resealBlob(oldKey, newKey, "")).toBe("");
  });

  it("fails the whole blob when a value does not open under the old key", async () => {
    const mixed = serializeBlob([...parseBlob(await sealBlob(oldKey, { A: "a" })), ...parseBlob(await sealBlob(newKey, { B: "b" }))]);
    await expect(resealBlob(oldKey, newKey, mixed)).rejects.toThrow(/Value of B/);
  });
});
