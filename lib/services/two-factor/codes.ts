import "server-only";
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/config/auth-secret";

// The secrets of second factors, as generated and as stored. Nothing here is ever stored or logged
// in the clear: codes sent by email or SMS are kept as an HMAC under the server's session secret
// (six digits alone would fall to a dictionary of a million hashes), recovery codes (79 random
// bits) and reset links (256 bits) as plain SHA-256.

/** Email and SMS codes: 6 digits, valid 10 minutes, single use (docs/security.md#two-factor-authentication). */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Wrong tries of one emailed or texted code before it is void (besides the per-user limit). */
export const CODE_MAX_ATTEMPTS = 5;

export const newSixDigitCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

/** Bound to the code's row, so a stored hash is useless for any other row. */
export function hashOneTimeCode(codeId: string, code: string): string {
  return createHmac("sha256", authSecret()).update(`one-time-code:v1:${codeId}:${code}`).digest("hex");
}

/** Compares two hex digests without an early exit. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

// 31 symbols without look-alikes (no 0/o, 1/l/i): 16 of them carry 79 bits.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes as shown to the person: xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const symbols = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return symbols.match(/.{4}/g)!.join("-");
  });
}

/** `normalized` is what lib/schemas/two-factor.ts recoveryCodeSchema yields: 16 lower-case symbols. */
export const hashRecoveryCode = (normalized: string): string => createHash("sha256").update(`recovery-code:v1:${normalized}`).digest("hex");

export const newResetSecret = (): string => randomBytes(32).toString("base64url");
export const hashResetSecret = (secret: string): string => createHash("sha256").update(`password-reset:v1:${secret}`).digest("hex");
