import { randomFillSync } from "node:crypto";
import { ulid } from "ulid";

// Row ids: ULIDs (time-ordered, 26 characters). ulid's default randomness asks the platform's
// getRandomValues for one byte per character — 16 calls per id, each through Next.js's
// instrumented crypto on the server — which was 3% of the CPU of a secrets read. The same CSPRNG,
// asked for 256 bytes at a time.

const pool = new Uint8Array(256);
let next = pool.length;

function randomFraction(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  // A byte / 256 picks each of ulid's 32 characters with equal chance (256 = 8 × 32).
  return pool[next++]! / 256;
}

export function newId(): string {
  return ulid(undefined, randomFraction);
}
