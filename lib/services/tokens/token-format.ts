// API token format (docs/api.md#conventions): "dtk_" + 40 base62 characters, the last 6 a checksum of the first
// 34 (CRC-32 in base62). Secret scanners, the CLI and the server can reject a mistyped or made-up
// token without a database lookup. Universal: no Node or browser-only APIs.

export const API_TOKEN_PREFIX = "dtk_";
const BODY_LENGTH = 34;
const CHECKSUM_LENGTH = 6;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const TOKEN_PATTERN = /^dtk_[0-9A-Za-z]{40}$/;

export function generateApiToken(): string {
  const body = randomBase62(BODY_LENGTH);
  return `${API_TOKEN_PREFIX}${body}${checksum(body)}`;
}

/** True when the token has the right shape and its checksum matches. Says nothing of validity. */
export function isWellFormedApiToken(token: string): boolean {
  if (!TOKEN_PATTERN.test(token)) return false;
  const body = token.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + BODY_LENGTH);
  return checksum(body) === token.slice(-CHECKSUM_LENGTH);
}

/** Random base62 by rejection sampling, so every character is equally likely (202 bits here). */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

function checksum(body: string): string {
  let value = crc32(new TextEncoder().encode(body));
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
