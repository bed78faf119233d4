import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "@/lib/services/context";
import { type TestDatabase } from "@/scripts/testing/database";
import { openDemo, type Demo } from "@/scripts/testing/demo-fixture";
import { enforce } from "../access/enforce";
import { listVersions, listVersionsPlan } from "./versions";
import { restorePlan, restoreVersion } from "./history";
import { readSecrets, readSecretsPlan } from "./read";
import { deletePlan, deleteSecrets, storePlan, storeSecrets } from "./write";
import { historyRetention, pruneHistory } from "./commit";
import { updateOrganization } from "../organizations/organization";

// The secrets use cases against a real database (both kinds): history retention (by count and by
// age) and the audit trail of a write.

const PRODUCTION = { project: "my-app", target: "backend", environment: "production" };

let database: TestDatabase;
let context: ServiceContext;
let seal: Demo["seal"];

beforeAll(async () => {
  ({ database, context, seal } = await openDemo("Secrets", 9, { source: "CLI" }));
}, 120_000);
afterAll(async () => {
  await database?.close();
});

// Each use case runs as the router runs it: its access plan enforced first.
const production = async (plan: (level: typeof PRODUCTION) => Parameters<typeof enforce>[1]) => (await enforce(context, plan(PRODUCTION))).level;
const store = async (content: string) => storeSecrets(context, await production(storePlan), { content });
const versionsOf = async () => (await listVersions(context, await production(listVersionsPlan), {})).data.map((version) => version.version);
const setRetention = (historyRetention: number | null) => database.db.organization.update({ where: { id: context.organizationId }, data: { historyRetention } });

describe("history retention", () => {
  it("keeps at most historyRetention versions per level, pruning the oldest in the write's transaction", async () => {
    expect(await versionsOf()).toEqual([1]);
    await setRetention(3);
    for (const value of ["a", "b", "c", "d"]) {
      const stored = await store(await seal({ VALUE: value }));
      expect(stored.version).toBeGreaterThan(1);
    }
    expect(await versionsOf()).toEqual([5, 4, 3]);
    const write = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'secret.write' ORDER BY sequence DESC LIMIT 1`);
    expect(write[0]!.metadata).toMatchObject({ version: 5, versions_pruned: 1, project: "my-app", level: "environment" });

    const restored = await restoreVersion(context, await production(restorePlan), 3, {});
    expect(restored.version).toBe(6);
    expect(await versionsOf()).toEqual([6, 5, 4]);

    await setRetention(1);
    await deleteSecrets(context, await production((level) => deletePlan(level, false)), {});
    expect(await versionsOf()).toEqual([7]);
    await setRetention(null);
    await store(await seal({ VALUE: "kept" }));
    expect(await versionsOf()).toEqual([8, 7]);
  });

  it("by age: removes versions older than the retention's days at the next write, never the current one", async () => {
    await store(await seal({ VALUE: "old 1" }));
    await store(await seal({ VALUE: "old 2" }));
    const before = await versionsOf();
    const age = (days: number, versions: number[]) =>
      database.sql(`UPDATE "SecretVersion" SET "createdAt" = now() - make_interval(days => $1) WHERE "version" = ANY($2::int[])
        AND "levelId" = (SELECT "id" FROM "SecretLevel" WHERE "ownerId" = (SELECT "id" FROM "Environment" WHERE "slug" = 'production' LIMIT 1))`, [days, versions]);
    await age(100, before);
    await updateOrganization({ ...context, path: `/${context.organizationId}` }, { history_retention: { days: 30 } });
    const stored = await store(await seal({ VALUE: "new" }));
    expect(await versionsOf()).toEqual([stored.version]);
    const write = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'secret.write' ORDER BY sequence DESC LIMIT 1`);
    expect(write[0]!.metadata).toMatchObject({ version: stored.version, versions_pruned: before.length });

    // Even when the current version itself is older than the limit, it stays.
    await age(365, [stored.version]);
    const level = await database.db.secretLevel.findFirstOrThrow({ where: { version: stored.version, environment: { slug: "production" } }, select: { id: true } });
    expect(await database.db.$transaction(async (tx) => pruneHistory(tx, await historyRetention(tx, context.organizationId), { levelId: level.id, version: stored.version }))).toBe(0);
    expect(await versionsOf()).toEqual([stored.version]);
    await updateOrganization({ ...context, path: `/${context.organizationId}` }, { history_retention: null });
  });

  it("no_backup: the level moves to a new version, history records none, the audit event says so", async () => {
    const before = await versionsOf();
    const stored = await storeSecrets(context, await production(storePlan), { content: await seal({ VALUE: "unbacked" }), no_backup: true });
    expect(stored.version).toBe(before[0]! + 1);
    expect(await versionsOf()).toEqual(before);
    const read = await readSecrets(context, await production((level) => readSecretsPlan(level, true)), { decrypt: true, merge: "true", raw: false });
    expect("view" in read && (read.view.attributes as { secrets: Record<string, string> }).secrets.VALUE).toBe("unbacked");
    const write = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'secret.write' ORDER BY sequence DESC LIMIT 1`);
    expect(write[0]!.metadata).toMatchObject({ version: stored.version, no_backup: true });
  });

  it("sources history versions from the actor (here the CLI) and never stores comments", async () => {
    await store(`# a comment with a secret in it\n\n${await seal({ VALUE: "x" })}`);
    const [latest] = (await listVersions(context, await production(listVersionsPlan), { limit: 1 })).data;
    expect(latest).toMatchObject({ source: "cli", actor: { type: "token", label: "test" } });
    const stored = await database.sql(`SELECT blob FROM "SecretLevel" WHERE "ownerId" = (SELECT id FROM "Environment" WHERE slug = 'production' LIMIT 1)`);
    expect(stored[0]!.blob).not.toContain("comment");
    const read = await readSecrets(context, await production((level) => readSecretsPlan(level, true)), { decrypt: true, merge: "true", raw: false });
    expect("view" in read && (read.view.attributes as { secrets: Record<string, string> }).secrets.VALUE).toBe("x");
  });
});

/**
 * On PostgreSQL, locks a level's row from another connection until the returned function is called
 * (300 ms later), so that stores arriving meanwhile must wait and share a transaction. Without it a
 * busy machine can let each store arrive after the one before committed (seen once: six stores,
 * six transactions). The embedded database has one connection, which the lock would stop; there
 * the stores are fast enough to meet anyway.
 */
async function holdLevelRow(ownerId: string): Promise<() => Promise<void>> {
  if (!database.url) return async () => {};
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`SELECT 1 FROM "SecretLevel" WHERE "ownerId" = $1 FOR UPDATE`, [ownerId]);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.query("COMMIT");
    await client.end();
  };
}

describe("concurrent stores of one level", () => {
  // They are written together under one lock (./store-batch.ts); each must still land as if alone.
  it("each becomes its own version with its own history and audit event; a refused one fails alone", async () => {
    const before = (await versionsOf())[0]!;
    const level = await production(storePlan);
    const contents = await Promise.all(Array.from({ length: 6 }, (_, index) => seal({ VALUE: `v${index}` })));
    const release = await holdLevelRow(level.environment!.id);
    const settled = Promise.allSettled([
      storeSecrets(context, level, { content: contents[0]!, tags: { NOT_IN_CONTENT: ["x"] } }),
      storeSecrets(context, level, { content: contents[1]!, expected_version: before - 1 }),
      ...contents.map((content) => storeSecrets(context, level, { content })),
    ]);
    await release();
    const [badTags, staleVersion, ...stored] = await settled;
    expect(badTags).toMatchObject({ status: "rejected", reason: { code: "validation_failed" } });
    expect(staleVersion).toMatchObject({ status: "rejected", reason: { code: "version_conflict" } });
    const versions = stored.map((result) => (result.status === "fulfilled" ? result.value.version : -1));
    const expected = Array.from({ length: 6 }, (_, index) => before + 1 + index);
    expect([...versions].sort((a, b) => a - b)).toEqual(expected);
    expect((await versionsOf()).slice(0, 6)).toEqual([...expected].reverse());
    // They did share transactions (rows one transaction writes carry its id, xmin): else this proves nothing.
    const transactions = await database.sql(`SELECT count(DISTINCT xmin::text)::int AS count FROM "SecretVersion" WHERE "version" > $1
      AND "levelId" = (SELECT "id" FROM "SecretLevel" WHERE "ownerId" = $2)`, [before, level.environment!.id]);
    expect(Number(transactions[0]!.count)).toBeLessThan(6);

    const events = await database.sql(
      `SELECT (metadata->>'version')::int AS version FROM "AuditEvent" WHERE action = 'secret.write' AND (metadata->>'version')::int > $1`, [before]);
    expect(events.map((event) => Number(event.version)).sort((a, b) => a - b)).toEqual(expected);
    const last = versions.indexOf(Math.max(...versions));
    const read = await readSecrets(context, await production((path) => readSecretsPlan(path, true)), { decrypt: true, merge: "true", raw: false });
    expect("view" in read && (read.view.attributes as { secrets: Record<string, string> }).secrets.VALUE).toBe(`v${last}`);
  });
});
