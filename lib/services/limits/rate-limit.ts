import "server-only";
import { getDb, openDbOrNull } from "@/lib/data/db";

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

// API keys' request limit: counted in memory and flushed to the same table every FLUSH_MS by each
// instance, in one statement for all keys — no row written per request. The table decides each
// key's window, as before (it starts with the key's first request and resets once it has passed);
// each flush adds this instance's new requests and reads back every instance's total. A key can
// overshoot its limit by at most what the other instances admit between two flushes
// (instances × rate × FLUSH_MS); on one instance it holds exactly.
const FLUSH_MS = 200;

interface BufferedCount {
  /** The window as the table last said (or, before the first flush, this instance's guess). */
  windowStart: number;
  windowSeconds: number;
  /** Every instance's count at the last flush, this one's included. */
  known: number;
  /** Admitted here since the last flush. */
  pending: number;
  /** Being flushed right now. */
  flushing: number;
  lastUsed: number;
}

const buffered = globalThis as unknown as { dotenvRateCounts?: Map<string, BufferedCount>; dotenvRateFlush?: NodeJS.Timeout };

function counts(): Map<string, BufferedCount> {
  buffered.dotenvRateCounts ??= new Map();
  if (!buffered.dotenvRateFlush) {
    let running = false;
    buffered.dotenvRateFlush = setInterval(() => {
      if (running) return;
      running = true;
      flushRateLimits().catch(() => {}).finally(() => (running = false));
    }, FLUSH_MS);
    buffered.dotenvRateFlush.unref();
  }
  return buffered.dotenvRateCounts;
}

/** Counts one request against `key` without a database round trip (API keys, per request). */
export function consumeBufferedRateLimit(key: string, { limit, windowSeconds }: RateLimit): RateLimitResult {
  const now = Date.now();
  const map = counts();
  let entry = map.get(key);
  if (!entry || entry.windowStart + windowSeconds * 1000 <= now) {
    entry = { windowStart: now, windowSeconds, known: 0, pending: 0, flushing: 0, lastUsed: now };
    map.set(key, entry);
  }
  entry.lastUsed = now;
  const retryAfter = Math.max(1, Math.ceil((entry.windowStart + windowSeconds * 1000 - now) / 1000));
  if (entry.known + entry.pending + entry.flushing >= limit) return { allowed: false, retryAfter };
  entry.pending++;
  return { allowed: true, retryAfter };
}

/** Adds every key's new requests to the shared counters and reads back their totals. */
export async function flushRateLimits(): Promise<void> {
  const map = counts();
  const now = Date.now();
  const active: { key: string; entry: BufferedCount; add: number }[] = [];
  for (const [key, entry] of map) {
    const ended = entry.windowStart + entry.windowSeconds * 1000 <= now;
    if (ended && entry.pending === 0 && entry.flushing === 0) {
      map.delete(key);
      continue;
    }
    // Keys in use learn the other instances' counts too, even with nothing new to add.
    if (entry.pending > 0 || (!ended && now - entry.lastUsed < 2_000)) active.push({ key, entry, add: entry.pending });
  }
  const windows = new Set(active.map(({ entry }) => entry.windowSeconds));
  await Promise.all([...windows].map((windowSeconds) => flushGroup(active.filter(({ entry }) => entry.windowSeconds === windowSeconds), windowSeconds)));
}

async function flushGroup(active: { key: string; entry: BufferedCount; add: number }[], windowSeconds: number): Promise<void> {
  for (const item of active) {
    item.entry.flushing += item.add;
    item.entry.pending = 0;
  }
  const rows = active.map(({ key, entry, add }) => ({ key, add, windowStart: new Date(entry.windowStart).toISOString() }));
  try {
    // Never reopens a database a script has closed.
    const db = await (openDbOrNull() ?? Promise.reject(new Error("database closed")));
    // Same rule as consumeRateLimit: a window that has passed restarts (here at this instance's guess).
    const totals = await db.$queryRaw<{ key: string; count: number; windowStart: Date }[]>`
      INSERT INTO "RateLimitBucket" ("key", "count", "windowStart")
      SELECT v."key", v."add", v."windowStart" FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("key" text, "add" int, "windowStart" timestamp(3))
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimitBucket"."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${windowSeconds}::int)
                       THEN EXCLUDED."count" ELSE "RateLimitBucket"."count" + EXCLUDED."count" END,
        "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${windowSeconds}::int)
                       THEN EXCLUDED."windowStart" ELSE "RateLimitBucket"."windowStart" END
      RETURNING "key", "count", "windowStart"`;
    const byKey = new Map(totals.map((total) => [total.key, total]));
    for (const { key, entry, add } of active) {
      entry.flushing -= add;
      const total = byKey.get(key);
      if (!total) continue;
      entry.windowStart = total.windowStart.getTime();
      entry.known = total.count;
    }
  } catch (error) {
    // Not counted yet: the next flush adds them.
    for (const { entry, add } of active) {
      entry.flushing -= add;
      entry.pending += add;
    }
    throw error;
  }
}
