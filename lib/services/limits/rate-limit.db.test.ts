import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { consumeRateLimit, sweepRateLimitBuckets } from "./rate-limit";

// Counters live in the database so they hold across instances; rows of long-finished windows are
// swept so the table does not grow with every address and email ever seen.

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("rate limit buckets", () => {
  it("count within a window and refuse beyond the limit with a Retry-After", async () => {
    const limit = { limit: 2, windowSeconds: 60 };
    expect((await consumeRateLimit("test:count", limit)).allowed).toBe(true);
    expect((await consumeRateLimit("test:count", limit)).allowed).toBe(true);
    const refused = await consumeRateLimit("test:count", limit);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeGreaterThan(0);
  });

  it("sweeps buckets whose window ended more than a day ago (each instance does so once a minute), and keeps live ones", async () => {
    await database.sql(`INSERT INTO "RateLimitBucket" ("key", "count", "windowStart") VALUES ('test:old', 3, (now() AT TIME ZONE 'UTC') - interval '2 days'), ('test:recent', 1, (now() AT TIME ZONE 'UTC') - interval '1 hour')`);
    await sweepRateLimitBuckets();
    const keys = (await database.sql(`SELECT "key" FROM "RateLimitBucket" WHERE "key" LIKE 'test:%' ORDER BY "key"`)).map((row) => row.key);
    expect(keys).toEqual(["test:count", "test:recent"]);
  });
});
