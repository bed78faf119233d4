import "server-only";
import { ulid } from "ulid";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import type { ActorType, Outcome, Source } from "@/lib/data/generated/enums";
import { auditEventHash, checkpointInterval, GENESIS_HASH, NO_ORGANIZATION, type ChainedEvent } from "./chain";

export type { Source };

// docs/audit.md#what-is-recorded: every read or change is recorded; events are append-only (a
// trigger refuses UPDATE, DELETE and TRUNCATE) and each one's hash covers the previous event of its
// organization, so removing or editing one breaks the chain. This file is the one writer of the
// chain: its head, its checkpoints and the anchors events carry (./chain.ts defines the hash).
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

interface Head {
  sequence: number;
  hash: string;
  anchorSequence: number | null;
  anchorHash: string | null;
}

/** Appends one event inside `tx`, so it commits or rolls back with the change it records. */
export async function appendAuditEvent(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const chainKey = entry.organizationId ?? NO_ORGANIZATION;
  // Creates the chain's head on first use and locks it in the same statement: the lock serializes
  // appends to one chain across every app instance, and is held for two statements only.
  const [head] = await tx.$queryRaw<Head[]>`
    INSERT INTO "AuditChainHead" ("chainKey", "sequence", "hash") VALUES (${chainKey}, 0, ${GENESIS_HASH})
    ON CONFLICT ("chainKey") DO UPDATE SET "chainKey" = EXCLUDED."chainKey"
    RETURNING "sequence", "hash", "anchorSequence", "anchorHash"`;
  if (!head) throw new Error("audit chain head missing");
  const event: ChainedEvent = {
    id: ulid(),
    chainKey,
    sequence: head.sequence + 1,
    organizationId: entry.organizationId,
    createdAt: new Date(),
    ...actor,
    action: entry.action,
    resourcePath: entry.resourcePath,
    outcome: entry.outcome,
    status: entry.status,
    metadata: (entry.metadata ?? {}) as object,
    prevHash: head.hash,
    // The latest checkpoint: removing it, or the events before it, shows in every later event.
    anchorSequence: head.anchorSequence,
    anchorHash: head.anchorHash,
  };
  const hash = auditEventHash(event);
  // Every N events the event just appended becomes a checkpoint, and the anchor of later events.
  const checkpoint = event.sequence % checkpointInterval() === 0;
  const anchorSequence = checkpoint ? event.sequence : event.anchorSequence;
  const anchorHash = checkpoint ? hash : event.anchorHash;
  await tx.$executeRaw`
    WITH appended AS (
      INSERT INTO "AuditEvent" ("id", "chainKey", "sequence", "organizationId", "createdAt", "actorType", "actorId", "actorLabel",
        "source", "action", "resourcePath", "outcome", "status", "ip", "userAgent", "metadata", "prevHash", "hash", "anchorSequence", "anchorHash")
      VALUES (${event.id}, ${chainKey}, ${event.sequence}, ${event.organizationId}, ${event.createdAt}, ${event.actorType}::"ActorType",
        ${event.actorId}, ${event.actorLabel}, ${event.source}::"Source", ${event.action}, ${event.resourcePath}, ${event.outcome}::"Outcome",
        ${event.status}, ${event.ip}, ${event.userAgent}, ${JSON.stringify(event.metadata)}::jsonb, ${event.prevHash}, ${hash},
        ${event.anchorSequence}::int, ${event.anchorHash}::text)
    ), checkpointed AS (
      INSERT INTO "AuditCheckpoint" ("chainKey", "sequence", "hash", "organizationId", "createdAt")
      SELECT ${chainKey}, ${event.sequence}, ${hash}, ${event.organizationId}, ${event.createdAt} WHERE ${checkpoint}::boolean
    )
    UPDATE "AuditChainHead" SET "sequence" = ${event.sequence}, "hash" = ${hash}, "anchorSequence" = ${anchorSequence}::int, "anchorHash" = ${anchorHash}::text
    WHERE "chainKey" = ${chainKey}`;
}

/** Records an event on its own (for reads and refusals, which have no change to commit with). */
export async function recordAuditEvent(actor: AuditActor, entry: AuditEntry): Promise<void> {
  const db = await getDb();
  return db.$transaction((tx) => appendAuditEvent(tx, actor, entry));
}

