import "server-only";
import { newId } from "@/lib/data/ids";
import { directQuery, type RawTx } from "@/lib/data/client";
import { Prisma } from "@/lib/data/generated/client";
import { getDb } from "@/lib/data/db";
import type { ActorType, Outcome, Source } from "@/lib/data/generated/enums";
import { NO_ORGANIZATION } from "./chain";
import { BatchQueue } from "../shared/batches";
import { wakeAuditSealer } from "./sealer";

export type { Source };

// docs/audit.md#what-is-recorded: every read or change is recorded; events are append-only (a
// trigger refuses UPDATE, DELETE and TRUNCATE) and each one's hash covers the previous event of its
// organization, so removing or editing one breaks the chain. This file inserts events; the sealer
// (./sealer.ts) is the one writer of the chain: sequences, hashes, head, checkpoints and anchors.
// Metadata carries names, never values, keys, tokens or passphrases.

export interface AuditActor {
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string;
  source: Source;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  organizationId: string | null;
  action: string;
  resourcePath: string;
  outcome: Outcome;
  status: number;
  metadata?: Record<string, unknown>;
}

/**
 * Inserts one event inside `tx`, so it commits or rolls back with the change it records. The event
 * is durable once `tx` commits; its place in the chain (sequence, hashes) is given by the sealer
 * (./sealer.ts) moments later, off the request path: appending takes no lock.
 */
export async function appendAuditEvent(tx: RawTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await appendAuditEvents(tx, [{ actor, entry }]);
}

/** appendAuditEvent for several events in one statement (a batch of changes committed together). */
export async function appendAuditEvents(tx: RawTx, events: { actor: AuditActor; entry: AuditEntry }[]): Promise<void> {
  await tx.$executeRaw(insertStatement(events.map(({ actor, entry }) => eventRow(actor, entry))));
  wakeAuditSealer();
}

/**
 * Records an event on its own (for reads and refusals, which have no change to commit with). It
 * resolves once the event is committed, so a caller answers only after its event is durable (fail
 * closed). Events recorded while an insert is in flight wait for it and go together in the next
 * statement: under load, many requests share one round trip and one WAL flush instead of queueing
 * for one each; alone, an event is inserted at once.
 */
export function recordAuditEvent(actor: AuditActor, entry: AuditEntry): Promise<void> {
  return standalone.submit("events", eventRow(actor, entry)).then(wakeAuditSealer);
}

// A failed batch (say, one event of an organization deleted meanwhile) is inserted again event by
// event, so one bad event cannot fail the others (shared/batches.ts).
const standalone = new BatchQueue<Prisma.Sql, void>(async (rows) => {
  await insertDirectly(rows);
  return rows.map(() => ({ value: undefined }));
}, 200);

/** Events recorded on their own: the hottest statement of reads, so straight on the pool. */
async function insertDirectly(rows: Prisma.Sql[]): Promise<void> {
  await directQuery(await getDb(), insertStatement(rows));
}

function insertStatement(rows: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("id", "chainKey", "organizationId", "createdAt", "actorType", "actorId", "actorLabel",
      "source", "action", "resourcePath", "outcome", "status", "ip", "userAgent", "metadata")
    VALUES ${Prisma.join(rows)}`;
}

function eventRow(actor: AuditActor, entry: AuditEntry): Prisma.Sql {
  const chainKey = entry.organizationId ?? NO_ORGANIZATION;
  return Prisma.sql`(${newId()}, ${chainKey}, ${entry.organizationId}, ${new Date()}, ${actor.actorType}::"ActorType",
      ${actor.actorId}, ${actor.actorLabel}, ${actor.source}::"Source", ${entry.action}, ${entry.resourcePath}, ${entry.outcome}::"Outcome",
      ${entry.status}, ${actor.ip}, ${actor.userAgent}, ${JSON.stringify(entry.metadata ?? {})}::jsonb)`;
}
