import "server-only";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { consumeRateLimit, peekRateLimit, refundRateLimit, type RateLimit } from "../limits/rate-limit";

// Sign-in limits that slow guessing down without letting anyone lock the owner out
// (docs/security.md#rate-limits). All counters live in the database, so they hold across instances.
//
//  - per address: 100 failed attempts in 15 minutes, whatever the emails → 429;
//  - per email *from one address*: 10 failed attempts in 15 minutes → 429 for that address only;
//  - per email from everywhere: past 20 failures in 15 minutes (a guessing attack spread over many
//    addresses), every further attempt from an address the account has never signed in from waits
//    first — half a second per failure beyond, up to 5 seconds. An address it has signed in from
//    before (a known device) never waits, so the right password keeps working.
//
// Attempts are counted before the password is checked (so parallel guesses cannot slip past a
// limit) and given back when they succeed.

export const SIGN_IN_LIMITS = {
  perIp: { limit: 100, windowSeconds: 15 * 60 },
  perEmailAndIp: { limit: 10, windowSeconds: 15 * 60 },
  perEmail: { limit: 20, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimit>;

const DELAY_PER_FAILURE_MS = 500;
const MAX_DELAY_MS = 5_000;

const keys = (email: string, ip: string | null) => ({
  ip: `signin:ip:${ip ?? "unknown"}`,
  emailAndIp: `signin:email-ip:${email}:${ip ?? "unknown"}`,
  email: `signin:email:${email}`,
});

function tooMany(retryAfter: number): AppError {
  return new AppError("rate_limited", "Too many sign-in attempts from here. Try again later.", { retryAfter });
}

/** Without counting anything: would an attempt be refused? (Answered before next-auth runs.) */
export async function signInRefusal(email: string, ip: string | null): Promise<AppError | null> {
  const key = keys(email, ip);
  const [byIp, byEmailAndIp] = await Promise.all([peekRateLimit(key.ip, SIGN_IN_LIMITS.perIp), email ? peekRateLimit(key.emailAndIp, SIGN_IN_LIMITS.perEmailAndIp) : null]);
  const refused = [byIp, byEmailAndIp].find((result) => result && !result.allowed);
  return refused ? tooMany(refused.retryAfter) : null;
}

/** Counts an attempt (429 beyond a limit) and returns what to do once the password is checked. */
export async function admitSignIn(email: string, ip: string | null) {
  const key = keys(email, ip);
  const [byIp, byEmailAndIp] = await Promise.all([consumeRateLimit(key.ip, SIGN_IN_LIMITS.perIp), email ? consumeRateLimit(key.emailAndIp, SIGN_IN_LIMITS.perEmailAndIp) : null]);
  const refused = [byIp, byEmailAndIp].find((result) => result && !result.allowed);
  if (refused) throw tooMany(refused.retryAfter);
  return {
    /** Slows an address the account has not signed in from while its email is under attack. */
    async waitIfUnknown(userId: string | null): Promise<void> {
      if (!email) return;
      const { count } = await peekRateLimit(key.email, SIGN_IN_LIMITS.perEmail);
      const beyond = count - SIGN_IN_LIMITS.perEmail.limit;
      if (beyond < 0 || (userId && (await signedInFrom(userId, ip)))) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_DELAY_MS, (beyond + 1) * DELAY_PER_FAILURE_MS)));
    },
    failed: () => (email ? consumeRateLimit(key.email, SIGN_IN_LIMITS.perEmail).then(() => undefined) : Promise.resolve()),
    // An office behind one address signs in many people: only failures use up its allowance.
    succeeded: () => Promise.all([refundRateLimit(key.ip), email ? refundRateLimit(key.emailAndIp) : null]).then(() => undefined),
  };
}

/** A known device: the account has had a session from this address before. */
async function signedInFrom(userId: string, ip: string | null): Promise<boolean> {
  if (!ip) return false;
  const db = await getDb();
  return (await db.session.count({ where: { userId, ip, secondFactorPassed: true } })) > 0;
}
