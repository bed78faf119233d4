// Text/byte encodings used on the wire. Universal: plain JavaScript plus TextEncoder/TextDecoder,
// which browsers and Node 20 both provide (no Buffer; no atob/btoa, which are slow in Node 20).
//
// Decoding is strict on purpose: a ciphertext or key has exactly one accepted spelling, so two
// different strings can never mean the same bytes (no whitespace, no missing padding, no
// non-zero spare bits, no URL-safe alphabet where standard base64 is expected).

import type { Bytes } from "./bytes";
import { CryptoFormatError } from "./errors";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;
// Standard alphabet, then at most two "=" at the very end (the length check puts them in the last group).
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

// Character code → 6-bit value, or -1 for anything outside the standard alphabet.
const DECODE_TABLE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE_TABLE[ALPHABET.charCodeAt(i)] = i;

const ENCODE_TABLE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = "=".charCodeAt(0);
const asciiDecoder = new TextDecoder();

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  // Build ASCII codes in a byte array and decode once: far faster than string concatenation.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const remaining = bytes.length - i;
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = ENCODE_TABLE[n >> 18] ?? PAD;
    out[o++] = ENCODE_TABLE[(n >> 12) & 63] ?? PAD;
    out[o++] = remaining > 1 ? (ENCODE_TABLE[(n >> 6) & 63] ?? PAD) : PAD;
    out[o++] = remaining > 2 ? (ENCODE_TABLE[n & 63] ?? PAD) : PAD;
  }
  return asciiDecoder.decode(out);
}

/** Strict standard base64 decode; throws CryptoFormatError for anything non-canonical. */
export function base64Decode(text: string): Bytes {
  if (text.length % 4 !== 0) throw invalidBase64();
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let byteIndex = 0;
  for (let i = 0; i < text.length; i += 4) {
    const isLastGroup = i + 4 === text.length;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const isPadding = isLastGroup && j >= 4 - padding;
      const value = isPadding ? 0 : sextet(text.charCodeAt(i + j));
      n = (n << 6) | value;
    }
    // Canonical form: bits that padding leaves unused must be zero ("Zm8=" yes, "Zm9=" no).
    const spareBits = !isLastGroup || padding === 0 ? 0 : padding === 1 ? 0xff : 0xffff;
    if ((n & spareBits) !== 0) throw invalidBase64();
    bytes[byteIndex++] = n >> 16;
    if (byteIndex < bytes.length) bytes[byteIndex++] = (n >> 8) & 0xff;
    if (byteIndex < bytes.length) bytes[byteIndex++] = n & 0xff;
  }
  return bytes;
}

/**
 * How many bytes `text` decodes to, with base64Decode's strictness but without decoding: for
 * checks that only need the shape (a store checks every value of its blob this way on parse and
 * again on canonical serialisation, then decodes it once to open it).
 */
export function base64DecodedLength(text: string): number {
  if (text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) throw invalidBase64();
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  // Canonical form: the bits padding leaves unused in the last character must be zero.
  if (padding > 0 && (sextet(text.charCodeAt(text.length - padding - 1)) & (padding === 1 ? 0b11 : 0b1111)) !== 0) throw invalidBase64();
  return (text.length / 4) * 3 - padding;
}

function sextet(charCode: number): number {
  const value = charCode < 128 ? (DECODE_TABLE[charCode] ?? -1) : -1;
  if (value < 0) throw invalidBase64(); // includes "=" anywhere but the final padding
  return value;
}

function invalidBase64(): CryptoFormatError {
  return new CryptoFormatError("Invalid base64: expected canonical standard base64 with padding");
}

/** base64url without padding (RFC 4648 §5), e.g. for generated passphrases. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Strict base64url decode (unpadded, canonical). */
export function base64UrlDecode(text: string): Bytes {
  if (!BASE64URL_PATTERN.test(text) || text.length % 4 === 1) {
    throw new CryptoFormatError("Invalid base64url");
  }
  const standard = text.replace(/-/g, "+").replace(/_/g, "/");
  return base64Decode(standard + "=".repeat((4 - (standard.length % 4)) % 4));
}

/** Lowercase hex. */
export function hexEncode(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** Strict hex decode (either case, even length, nothing else). */
export function hexDecode(text: string): Bytes {
  if (!HEX_PATTERN.test(text)) throw new CryptoFormatError("Invalid hex");
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

const encoder = new TextEncoder();
// ignoreBOM: keep a leading U+FEFF that is part of a secret value instead of silently dropping it.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Bytes {
  return encoder.encode(text);
}

/** UTF-8 decode that rejects malformed input instead of inserting U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CryptoFormatError("Invalid UTF-8");
  }
}

/** Number of UTF-8 bytes in a string (blob size limits are measured in bytes, not characters). */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length;
}
