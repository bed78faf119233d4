import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { generateApiToken, isWellFormedApiToken } from "./token-format";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// An independent checksum (Node's zlib CRC-32) so the test fails if the format drifts.
function expectedChecksum(body: string): string {
  let value = crc32(body);
  let out = "";
  for (let i = 0; i < 6; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

describe("API token format", () => {
  it("generates dtk_ + 40 base62 characters whose last 6 are the CRC-32 of the first 34", () => {
    const token = generateApiToken();
    expect(token).toMatch(/^dtk_[0-9A-Za-z]{40}$/);
    expect(token.slice(-6)).toBe(expectedChecksum(token.slice(4, 38)));
    expect(isWellFormedApiToken(token)).toBe(true);
  });

  it("accepts any body with the right checksum", () => {
    const body = "abcdefghijABCDEFGHIJ0123456789wxyz";
    expect(isWellFormedApiToken(`dtk_${body}${expectedChecksum(body)}`)).toBe(true);
  });

  it("rejects a mistyped character, a wrong checksum and other shapes", () => {
    const token = generateApiToken();
    const flipped = token.slice(0, 10) + (token[10] === "a" ? "b" : "a") + token.slice(11);
    expect(isWellFormedApiToken(flipped)).toBe(false);
    expect(isWellFormedApiToken(token.slice(0, -1) + (token.endsWith("0") ? "1" : "0"))).toBe(false);
    for (const bad of ["", "dtk_", token + "x", token.replace("dtk_", "dtx_"), token.slice(0, -1) + "!", ` ${token}`]) {
      expect(isWellFormedApiToken(bad)).toBe(false);
    }
  });

  it("never repeats across many tokens", () => {
    expect(new Set(Array.from({ length: 2000 }, generateApiToken)).size).toBe(2000);
  });
});
