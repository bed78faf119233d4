// Text/byte encodings used on the wire. Universal: relies only on atob/btoa and
// TextEncoder/TextDecoder, which browsers and Node 20 both provide (no Buffer).
//
// Decoding is strict on purpose: a ciphertext or key has exactly one accepted spelling, so two
// different strings can never mean the same bytes (no whitespace, no missing padding, no
// non-zero spare bits, no URL-safe alphabet where standard base64 is expected).

import type { Bytes } from "./bytes";
import { CryptoFormatError } from "./errors";

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;
const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

// btoa/String.fromCharCode take arguments on the stack; chunk to stay far from engine limits.
const CHUNK = 0x8000;

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Strict standard base64 decode; throws CryptoFormatError for anything non-canonical. */
export function base64Decode(text: string): Bytes {
  if (!BASE64_PATTERN.test(text)) {
    throw new CryptoFormatError("Invalid base64: expected standard base64 with padding");
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // The pattern cannot see the spare low bits of the last character ("QR==" vs "QQ==").
  if (base64Encode(bytes) !== text) {
    throw new CryptoFormatError("Invalid base64: non-canonical encoding");
  }
  return bytes;
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
