import "server-only";
import { getDb } from "@/lib/data/db";

// Fixed-window counters kept in the database (docs/security.md#guarantees), so limits hold across instances and
// restarts. One atomic upsert per attempt: no read-modify-write race.

export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
}

export async function consumeRateLimit(key: string, { limit, windowSeconds }: RateLimit): Promise<RateLimitResult> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart")
    VALUES (${key}, 1, (now() AT TIME ZONE 'UTC'))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${windowSeconds}::int)
                     THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${windowSeconds}::int)
                     THEN (now() AT TIME ZONE 'UTC') ELSE "RateLimitBucket"."windowStart" END
    RETURNING "count", "windowStart"`;
  if (!row) throw new Error("rate limit upsert returned nothing");
  if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
    lastSweep = Date.now();
    await sweepRateLimitBuckets();
  }
  const resetAt = row.windowStart.getTime() + windowSeconds * 1000;
  return { allowed: row.count <= limit, retryAfter: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) };
}

/** Where a key stands without counting an attempt (for a refusal before any work is done). */
export async function peekRateLimit(key: string, { limit, windowSeconds }: RateLimit): Promise<RateLimitResult & { count: number }> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    SELECT "count", "windowStart" FROM "RateLimitBucket"
    WHERE "key" = ${key} AND "windowStart" > (now() AT TIME ZONE 'UTC') - make_interval(secs => ${windowSeconds}::int)`;
  if (!row) return { allowed: true, retryAfter: 0, count: 0 };
  const resetAt = row.windowStart.getTime() + windowSeconds * 1000;
  return { allowed: row.count < limit, retryAfter: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)), count: row.count };
}

/**
 * Gives back one attempt of the current window (a limit that counts only failures consumes first,
 * so concurrent attempts cannot slip past it, and refunds the attempts that succeed).
 */
export async function refundRateLimit(key: string): Promise<void> {
  const db = await getDb();
  await db.$executeRaw`UPDATE "RateLimitBucket" SET "count" = "count" - 1 WHERE "key" = ${key} AND "count" > 0`;
}

/** Second factors (docs/security.md#rate-limits): wrong codes per user, codes sent per user, password resets asked. */
export const TWO_FACTOR_LIMITS = {
  wrongCodesPerUser: { limit: 5, windowSeconds: 15 * 60 },
  codesSentPerUser: { limit: 5, windowSeconds: 15 * 60 },
  resetsPerEmail: { limit: 5, windowSeconds: 60 * 60 },
  resetsPerIp: { limit: 30, windowSeconds: 60 * 60 },
  passwordChecksPerUser: { limit: 10, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimit>;

/** Requests per minute per API token; DOTENV_TOKEN_RATE_LIMIT overrides (benchmarks raise it). */
export function tokenRateLimit(): RateLimit {
  const perMinute = Number(process.env.DOTENV_TOKEN_RATE_LIMIT ?? 1200);
  return { limit: Number.isFinite(perMinute) && perMinute > 0 ? perMinute : 1200, windowSeconds: 60 };
}

// Every key (each client address, email and API key ever seen) leaves a row behind. Windows last
// minutes, so rows idle for a day are dead: each instance sweeps them at most once a minute.
const SWEEP_EVERY_MS = 60_000;
const BUCKET_TTL_HOURS = 24;
let lastSweep = 0;

export async function sweepRateLimitBuckets(): Promise<void> {
  const db = await getDb();
  await db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "windowStart" < (now() AT TIME ZONE 'UTC') - make_interval(hours => ${BUCKET_TTL_HOURS}::int)`;
}
