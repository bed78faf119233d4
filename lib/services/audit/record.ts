import "server-only";
import { ulid } from "ulid";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import type { ActorType, Outcome, Source } from "@/lib/data/generated/enums";
import { NO_ORGANIZATION } from "./chain";
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
export async function appendAuditEvent(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await insertEvent(tx, actor, entry);
  wakeAuditSealer();
}

/** Records an event on its own (for reads and refusals, which have no change to commit with): one statement. */
export async function recordAuditEvent(actor: AuditActor, entry: AuditEntry): Promise<void> {
  const db = await getDb();
  await insertEvent(db, actor, entry);
  wakeAuditSealer();
}

async function insertEvent(db: Pick<Tx, "$executeRaw">, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const chainKey = entry.organizationId ?? NO_ORGANIZATION;
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "chainKey", "organizationId", "createdAt", "actorType", "actorId", "actorLabel",
      "source", "action", "resourcePath", "outcome", "status", "ip", "userAgent", "metadata")
    VALUES (${ulid()}, ${chainKey}, ${entry.organizationId}, ${new Date()}, ${actor.actorType}::"ActorType",
      ${actor.actorId}, ${actor.actorLabel}, ${actor.source}::"Source", ${entry.action}, ${entry.resourcePath}, ${entry.outcome}::"Outcome",
      ${entry.status}, ${actor.ip}, ${actor.userAgent}, ${JSON.stringify(entry.metadata ?? {})}::jsonb)`;
}
