import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newId } from "@/lib/data/ids";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { recordAuditEvent, type AuditActor } from "./record";
import { sealAuditEvents } from "./sealer";
import { verifyAuditChain } from "./verify";

// Events are inserted unsealed, with no lock (./record.ts), and the sealer chains them in append
// order (./sealer.ts). On both databases: many concurrent appends to several chains end up as
// intact chains with every event sealed once; the background sealer needs no one to ask; and
// the one update the database allows an event is its sealing — nothing else, and only once; events
// recorded together share one insert, and one that cannot be stored fails on its own.

const actor: AuditActor = { actorType: "SYSTEM", actorId: null, actorLabel: "sealer test", source: "API", ip: null, userAgent: "vitest" };

let database: TestDatabase;

beforeAll(async () => {
  process.env.DOTENV_AUDIT_CHECKPOINT_INTERVAL = "7";
  database = await openTestDatabase();
});
afterAll(async () => {
  delete process.env.DOTENV_AUDIT_CHECKPOINT_INTERVAL;
  await database?.close();
});

async function organization(): Promise<string> {
  return (await database.db.organization.create({ data: { id: newId(), name: "Sealed" } })).id;
}

/** Raw SQL that bypasses the test helper's seal-first (it reads what is stored right now). */
async function unsealedCount(): Promise<number> {
  const db = await import("@/lib/data/db").then((module) => module.getDb());
  const [row] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM "AuditEvent" WHERE "hash" IS NULL`;
  return Number(row!.count);
}

describe("the audit sealer", () => {
  it("chains concurrent appends to several organizations, each event once, checkpoints and anchors included", async () => {
    const organizations = [await organization(), await organization(), await organization()];
    const appends = Array.from({ length: 150 }, (_, index) =>
      recordAuditEvent(actor, { organizationId: organizations[index % 3]!, action: "test.concurrent", resourcePath: `/n/${index}`, outcome: "SUCCESS", status: 200, metadata: { index } }),
    );
    // Sealing runs while appends are still arriving.
    await Promise.all([...appends, sealAuditEvents(), sealAuditEvents()]);
    await sealAuditEvents();
    expect(await unsealedCount()).toBe(0);
    for (const id of organizations) {
      expect(await verifyAuditChain(id)).toMatchObject({ intact: true, events: 50, head: { sequence: 50 } });
      const checkpoints = await database.db.auditCheckpoint.findMany({ where: { chainKey: id }, orderBy: { sequence: "asc" } });
      expect(checkpoints.map((checkpoint) => checkpoint.sequence)).toEqual([7, 14, 21, 28, 35, 42, 49]);
    }
    const indexes = (await database.db.auditEvent.findMany({ where: { action: "test.concurrent" }, select: { metadata: true } }))
      .map((event) => (event.metadata as { index: number }).index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 150 }, (_, index) => index));
  });

  it("inserts concurrent events together, and one that cannot be stored fails alone", async () => {
    const id = await organization();
    const event = (organizationId: string, index: number) =>
      recordAuditEvent(actor, { organizationId, action: "test.batch", resourcePath: `/b/${index}`, outcome: "SUCCESS", status: 200, metadata: { index } });
    // The fifth names an organization that does not exist (the foreign key refuses it).
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => event(index === 4 ? newId() : id, index)));
    expect(results.map((result) => result.status)).toEqual(Array.from({ length: 10 }, (_, index) => (index === 4 ? "rejected" : "fulfilled")));
    const stored = await database.db.auditEvent.findMany({ where: { action: "test.batch" }, select: { metadata: true } });
    expect(stored.map((row) => (row.metadata as { index: number }).index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    await sealAuditEvents();
    expect(await verifyAuditChain(id)).toMatchObject({ intact: true, events: 9 });
  });

  it("seals in the background, without anyone asking", async () => {
    const id = await organization();
    await recordAuditEvent(actor, { organizationId: id, action: "test.background", resourcePath: "/", outcome: "SUCCESS", status: 200 });
    await vi.waitFor(async () => expect(await unsealedCount()).toBe(0), { timeout: 20_000, interval: 50 });
  });

  it("allows sealing an event once and nothing else: content, a second sealing and unsealing are refused", async () => {
    const id = await organization();
    await recordAuditEvent(actor, { organizationId: id, action: "test.trigger", resourcePath: "/", outcome: "SUCCESS", status: 200 });
    await sealAuditEvents();
    for (const sql of [
      `UPDATE "AuditEvent" SET "hash" = repeat('b', 64) WHERE "chainKey" = '${id}'`,
      `UPDATE "AuditEvent" SET "hash" = NULL, "sequence" = NULL, "prevHash" = NULL WHERE "chainKey" = '${id}'`,
      `UPDATE "AuditEvent" SET "action" = 'forged' WHERE "chainKey" = '${id}'`,
    ]) {
      await expect(database.sql(sql), sql).rejects.toThrow(/append-only/);
    }
    // An unsealed event: sealing may not change what it says.
    const db = await import("@/lib/data/db").then((module) => module.getDb());
    const eventId = newId();
    await db.$executeRaw`INSERT INTO "AuditEvent" ("id", "chainKey", "organizationId", "actorType", "actorLabel", "source", "action", "resourcePath", "outcome", "status")
      VALUES (${eventId}, ${id}, ${id}, 'SYSTEM', 'x', 'API', 'test.raw', '/', 'SUCCESS', 200)`;
    await expect(
      db.$executeRaw`UPDATE "AuditEvent" SET "sequence" = 99, "prevHash" = 'x', "hash" = 'y', "action" = 'forged' WHERE "id" = ${eventId} AND "hash" IS NULL`,
    ).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(id)).toMatchObject({ intact: true, events: 2 });
  });
});
