import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "./bytes";
import {
  base64Decode,
  base64DecodedLength,
  base64Encode,
  base64UrlDecode,
  base64UrlEncode,
  hexDecode,
  hexEncode,
  utf8ByteLength,
  utf8Decode,
  utf8Encode,
} from "./encoding";
import { CryptoFormatError } from "./errors";

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

describe("base64", () => {
  it("round-trips every byte value and every padding length", () => {
    for (let length = 0; length <= 256; length++) {
      const bytes = ALL_BYTES.slice(0, length);
      expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
    }
  });

  it("agrees with Node's Buffer (an independent implementation) on random data", () => {
    for (let length = 0; length < 200; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const reference = Buffer.from(bytes).toString("base64");
      expect(base64Encode(bytes)).toBe(reference);
      expect(base64Decode(reference)).toEqual(bytes);
    }
  });

  it("matches known encodings", () => {
    expect(base64Encode(utf8Encode("foobar"))).toBe("Zm9vYmFy");
    expect(base64Encode(utf8Encode("fo"))).toBe("Zm8=");
    expect(base64Encode(new Uint8Array([0xfb, 0xff]))).toBe("+/8=");
  });

  it("handles a blob-sized (256 KiB) input", () => {
    const big = new Uint8Array(256 * 1024);
    for (let i = 0; i < big.length; i += 65_536) crypto.getRandomValues(big.subarray(i, i + 65_536));
    const text = base64Encode(big);
    expect(text).toBe(Buffer.from(big).toString("base64"));
    expect(constantTimeEqual(base64Decode(text), big)).toBe(true); // toEqual is slow on 256K items
  });

  it.each([
    ["missing padding", "Zm8"],
    ["too much padding", "Zm8=="],
    ["padding in the middle", "Zm8=Zm8="],
    ["non-canonical spare bits", "Zm9="],
    ["URL-safe alphabet", "-_8="],
    ["whitespace", "Zm9v\nYmFy"],
    ["leading space", " Zm9v"],
    ["bad characters", "%%%not-base64%%%"],
    ["length 1", "Z"],
    ["lone padding", "===="],
  ])("rejects %s", (_why, text) => {
    expect(() => base64Decode(text)).toThrow(CryptoFormatError);
    expect(() => base64DecodedLength(text)).toThrow(CryptoFormatError);
  });

  it("measures without decoding exactly what it decodes to", () => {
    for (let length = 0; length < 70; length++) {
      const text = Buffer.from(crypto.getRandomValues(new Uint8Array(length))).toString("base64");
      expect(base64DecodedLength(text)).toBe(length);
    }
    // Every last character before padding: accepted by both or refused by both.
    for (const character of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
      for (const text of [`Zm${character}=`, `Z${character}==`]) {
        const decoded = (() => { try { return base64Decode(text).length; } catch { return "refused"; } })();
        const measured = (() => { try { return base64DecodedLength(text); } catch { return "refused"; } })();
        expect(measured, text).toBe(decoded);
      }
    }
  });

  it("accepts the empty string as zero bytes", () => {
    expect(base64Decode("")).toEqual(new Uint8Array(0));
  });
});

describe("base64url", () => {
  it("uses the URL alphabet without padding and round-trips", () => {
    expect(base64UrlEncode(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
    for (let length = 0; length <= 40; length++) {
      const bytes = ALL_BYTES.slice(200, 200 + length);
      expect(base64UrlDecode(base64UrlEncode(bytes))).toEqual(bytes);
    }
  });

  it.each([
    ["padding", "-_8="],
    ["standard alphabet", "+/8"],
    ["impossible length", "Z"],
    ["non-canonical spare bits", "Zm9"],
  ])("rejects %s", (_why, text) => {
    expect(() => base64UrlDecode(text)).toThrow(CryptoFormatError);
  });
});

describe("hex", () => {
  it("round-trips and emits lowercase", () => {
    expect(hexEncode(new Uint8Array([0, 15, 16, 255]))).toBe("000f10ff");
    expect(hexDecode("000F10ff")).toEqual(new Uint8Array([0, 15, 16, 255]));
  });

  it.each(["abc", "zz", "0x00", " 00"])("rejects %j", (text) => {
    expect(() => hexDecode(text)).toThrow(CryptoFormatError);
  });
});

describe("utf8", () => {
  it("round-trips non-ASCII text, including a leading BOM", () => {
    for (const text of ["héllo wörld ✓ 🔐", "\uFEFFbom", ""]) {
      expect(utf8Decode(utf8Encode(text))).toBe(text);
    }
  });

  it("rejects malformed UTF-8 instead of substituting U+FFFD", () => {
    expect(() => utf8Decode(new Uint8Array([0xc3, 0x28]))).toThrow(CryptoFormatError);
  });

  it("measures bytes, not characters", () => {
    expect(utf8ByteLength("é🔐")).toBe(6);
  });
});
