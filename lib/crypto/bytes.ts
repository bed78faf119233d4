// Byte helpers shared by the crypto modules. Universal: browser, Node 20 and the CLI.

/**
 * A Uint8Array backed by a plain ArrayBuffer. Since TypeScript 5.7 WebCrypto's `BufferSource`
 * excludes SharedArrayBuffer-backed views, so everything we hand to `crypto.subtle` has this type.
 * `new Uint8Array(n)`, `TextEncoder.encode` and `crypto.getRandomValues` on those all produce it.
 */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Cryptographically strong random bytes from WebCrypto. */
export function randomBytes(length: number): Bytes {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/**
 * View caller-supplied bytes as a WebCrypto `BufferSource`. Only a SharedArrayBuffer-backed view
 * (never produced by this module) needs copying; the cast is what the runtime check proves.
 */
export function asBufferSource(bytes: Uint8Array): Bytes {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Bytes) : new Uint8Array(bytes);
}

/** Concatenate byte arrays into one fresh buffer. */
export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Constant-time equality for equal-length inputs: XOR-accumulate every byte, never exit early,
 * so the time taken does not reveal where the first difference is. A length mismatch returns
 * false immediately — lengths are public here (we compare fixed-size digests).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return diff === 0;
}
