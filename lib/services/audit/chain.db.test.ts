import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { recordAuditEvent, type AuditActor } from "./record";
import { verifyAuditChain } from "./verify";

// The chain proves itself (docs/audit.md#verification), on both databases: every way of editing or
// removing events — in the middle, at the start, at the end, with the head rolled back, with a
// checkpoint removed — is found at the right event; and the database refuses to let the app's own
// role erase anything (UPDATE, DELETE, TRUNCATE), except an organization's rows with it.
// Tampering here goes around the triggers, as a database owner or superuser could.

const INTERVAL = 5;
const actor: AuditActor = { actorType: "SYSTEM", actorId: null, actorLabel: "chain test", source: "API", ip: "203.0.113.9", userAgent: "vitest" };

let database: TestDatabase;

beforeAll(async () => {
  process.env.DOTENV_AUDIT_CHECKPOINT_INTERVAL = String(INTERVAL);
  database = await openTestDatabase();
});
afterAll(async () => {
  delete process.env.DOTENV_AUDIT_CHECKPOINT_INTERVAL;
  await database?.close();
});

/** A fresh organization whose chain holds `count` events. */
async function chainOf(count: number): Promise<string> {
  const organization = await database.db.organization.create({ data: { id: newId(), name: "Chain" } });
  for (let index = 0; index < count; index++) {
    await recordAuditEvent(actor, { organizationId: organization.id, action: "test.event", resourcePath: `/${organization.id}/n/${index + 1}`, outcome: "SUCCESS", status: 200, metadata: { index } });
  }
  return organization.id;
}

/** Runs SQL with the audit triggers switched off, as someone who owns the tables could. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  const tables = ["AuditEvent", "AuditCheckpoint", "AuditChainHead"];
  for (const table of tables) await database.sql(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
  try {
    await database.sql(sql, params);
  } finally {
    for (const table of tables) await database.sql(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
  }
}

describe("an untouched chain", () => {
  it("is intact: head, checkpoints every N events, and each event anchored to the latest checkpoint", async () => {
    const id = await chainOf(12);
    const verdict = await verifyAuditChain(id);
    const last = await database.db.auditEvent.findFirstOrThrow({ where: { chainKey: id }, orderBy: { sequence: "desc" } });
    expect(verdict).toEqual({ intact: true, events: 12, head: { sequence: 12, hash: last.hash }, first_broken: null, reason: null });

    const checkpoints = await database.db.auditCheckpoint.findMany({ where: { chainKey: id }, orderBy: { sequence: "asc" } });
    expect(checkpoints.map((checkpoint) => checkpoint.sequence)).toEqual([5, 10]);
    const events = await database.db.auditEvent.findMany({ where: { chainKey: id }, orderBy: { sequence: "asc" } });
    expect(events.map((event) => event.anchorSequence)).toEqual([null, null, null, null, null, 5, 5, 5, 5, 5, 10, 10]);
    expect(events[5]!.anchorHash).toBe(events[4]!.hash);
    expect(checkpoints[1]!.hash).toBe(events[9]!.hash);
    expect(events[6]!.prevHash).toBe(events[5]!.hash);
  });
});

describe("tampering is found at the right event", () => {
  it("an edited event", async () => {
    const id = await chainOf(8);
    await tamper(`UPDATE "AuditEvent" SET "metadata" = '{"index": 99}' WHERE "chainKey" = $1 AND "sequence" = 4`, [id]);
    expect(await verifyAuditChain(id)).toMatchObject({ intact: false, first_broken: { sequence: 4 }, reason: expect.stringContaining("changed") });
  });

  it("an event removed from the middle", async () => {
    const id = await chainOf(8);
    await tamper(`DELETE FROM "AuditEvent" WHERE "chainKey" = $1 AND "sequence" = 6`, [id]);
    expect(await verifyAuditChain(id)).toMatchObject({ intact: false, events: 7, first_broken: { sequence: 6 } });
  });

  it("events removed from the start", async () => {
    const id = await chainOf(8);
    await tamper(`DELETE FROM "AuditEvent" WHERE "chainKey" = $1 AND "sequence" <= 2`, [id]);
    expect(await verifyAuditChain(id)).toMatchObject({ intact: false, first_broken: { sequence: 1 }, reason: expect.stringContaining("start") });
  });

  it("events removed from the end, the head left as it was", async () => {
    const id = await chainOf(8);
    await tamper(`DELETE FROM "AuditEvent" WHERE "chainKey" = $1 AND "sequence" >= 7`, [id]);
    expect(await verifyAuditChain(id)).toMatchObject({ intact: false, events: 6, head: { sequence: 8 }, first_broken: { sequence: 7 } });
  });

  it("events removed from the end and the head moved back: the checkpoint after them remains", async () => {
    const id = await chainOf(7);
    await tamper(
      `WITH gone AS (DELETE FROM "AuditEvent" WHERE "chainKey" = $1 AND "sequence" >= 5)
       UPDATE "AuditChainHead" SET "sequence" = 4, "hash" = (SELECT "hash" FROM "AuditEvent" WHERE "chainKey" = $1 AND "sequence" = 4),
         "anchorSequence" = NULL, "anchorHash" = NULL WHERE "chainKey" = $1`,
      [id],
    );
    expect(await verifyAuditChain(id)).toMatchObject({ intact: false, head: { sequence: 4 }, first_broken: { sequence: 5 }, reason: expect.stringContaining("checkpoint") });
  });

  it("a checkpoint removed: the events anchored to it say so", async () => {
    const id = await chainOf(7);
    await tamper(`DELETE FROM "AuditCheckpoint" WHERE "chainKey" = $1 AND "sequence" = 5`, [id]);
    expect(await verifyAuditChain(id)).toMatchObject({ intact: false, first_broken: { sequence: 6 }, reason: expect.stringContaining("checkpoint") });
  });

  it("a checkpoint rewritten", async () => {
    const id = await chainOf(6);
    await tamper(`UPDATE "AuditCheckpoint" SET "hash" = repeat('a', 64) WHERE "chainKey" = $1 AND "sequence" = 5`, [id]);
    expect(await verifyAuditChain(id)).toMatchObject({ intact: false, first_broken: { sequence: 5 } });
  });

  it("the head moved back over events that remain", async () => {
    const id = await chainOf(4);
    await tamper(`UPDATE "AuditChainHead" SET "sequence" = 3, "hash" = (SELECT "hash" FROM "AuditEvent" WHERE "chainKey" = $1 AND "sequence" = 3) WHERE "chainKey" = $1`, [id]);
    expect(await verifyAuditChain(id)).toMatchObject({ intact: false, first_broken: { sequence: 4 } });
  });
});

describe("the database keeps the log append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of events, checkpoints and heads by the app's own role", async () => {
    const id = await chainOf(5);
    for (const sql of [
      `UPDATE "AuditEvent" SET "action" = 'forged' WHERE "chainKey" = '${id}'`,
      `DELETE FROM "AuditEvent" WHERE "chainKey" = '${id}'`,
      `TRUNCATE "AuditEvent"`,
      `TRUNCATE "Organization" CASCADE`,
      `UPDATE "AuditCheckpoint" SET "hash" = 'x' WHERE "chainKey" = '${id}'`,
      `DELETE FROM "AuditCheckpoint" WHERE "chainKey" = '${id}'`,
      `TRUNCATE "AuditCheckpoint"`,
      `UPDATE "AuditChainHead" SET "sequence" = 1 WHERE "chainKey" = '${id}'`,
      `DELETE FROM "AuditChainHead" WHERE "chainKey" = '${id}'`,
      `TRUNCATE "AuditChainHead"`,
    ]) {
      await expect(database.sql(sql), sql).rejects.toThrow(/append-only|only move forward/);
    }
    expect(await verifyAuditChain(id)).toMatchObject({ intact: true, events: 5 });
  });

  it("lets an organization's events, checkpoints and head go with the organization, and only them", async () => {
    const doomed = await chainOf(6);
    const kept = await chainOf(3);
    await database.db.$transaction(async (tx) => {
      await tx.organization.delete({ where: { id: doomed } });
      await tx.auditChainHead.deleteMany({ where: { chainKey: doomed } });
    });
    expect(await database.db.auditEvent.count({ where: { chainKey: doomed } })).toBe(0);
    expect(await database.db.auditCheckpoint.count({ where: { chainKey: doomed } })).toBe(0);
    expect(await database.db.auditChainHead.count({ where: { chainKey: doomed } })).toBe(0);
    expect(await verifyAuditChain(kept)).toMatchObject({ intact: true, events: 3 });
    // Events outside any organization never go.
    await recordAuditEvent(actor, { organizationId: null, action: "test.event", resourcePath: "/", outcome: "SUCCESS", status: 200 });
    await expect(database.sql(`DELETE FROM "AuditEvent" WHERE "chainKey" = '-'`)).rejects.toThrow(/append-only/);
  });
});
