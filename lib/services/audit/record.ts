import "server-only";
import { createHash } from "node:crypto";
import { ulid } from "ulid";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import type { ActorType, Outcome, Source } from "@/lib/data/generated/enums";

export type { Source };

// docs/audit.md#what-is-recorded: every read or change is recorded; events are append-only (a trigger refuses UPDATE and
// DELETE) and each one's hash covers the previous event of its organization, so removing or
// editing one breaks the chain. Metadata carries names, never values, keys, tokens or passphrases.

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

const GENESIS_HASH = "0".repeat(64);
const NO_ORGANIZATION = "-";

/** Appends one event inside `tx`, so it commits or rolls back with the change it records. */
export async function appendAuditEvent(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const chainKey = entry.organizationId ?? NO_ORGANIZATION;
  // Creates the chain's head on first use and locks it in the same statement: the lock serializes
  // appends to one chain across every app instance, and is held for two statements only.
  const [head] = await tx.$queryRaw<{ sequence: number; hash: string }[]>`
    INSERT INTO "AuditChainHead" ("chainKey", "sequence", "hash") VALUES (${chainKey}, 0, ${GENESIS_HASH})
    ON CONFLICT ("chainKey") DO UPDATE SET "chainKey" = EXCLUDED."chainKey"
    RETURNING "sequence", "hash"`;
  if (!head) throw new Error("audit chain head missing");
  const event = {
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
  };
  const hash = auditEventHash(event);
  await tx.$executeRaw`
    WITH appended AS (
      INSERT INTO "AuditEvent" ("id", "chainKey", "sequence", "organizationId", "createdAt", "actorType", "actorId", "actorLabel",
        "source", "action", "resourcePath", "outcome", "status", "ip", "userAgent", "metadata", "prevHash", "hash")
      VALUES (${event.id}, ${chainKey}, ${event.sequence}, ${event.organizationId}, ${event.createdAt}, ${event.actorType}::"ActorType",
        ${event.actorId}, ${event.actorLabel}, ${event.source}::"Source", ${event.action}, ${event.resourcePath}, ${event.outcome}::"Outcome",
        ${event.status}, ${event.ip}, ${event.userAgent}, ${JSON.stringify(event.metadata)}::jsonb, ${event.prevHash}, ${hash})
    )
    UPDATE "AuditChainHead" SET "sequence" = ${event.sequence}, "hash" = ${hash} WHERE "chainKey" = ${chainKey}`;
}

/** Records an event on its own (for reads and refusals, which have no change to commit with). */
export async function recordAuditEvent(actor: AuditActor, entry: AuditEntry): Promise<void> {
  const db = await getDb();
  return db.$transaction((tx) => appendAuditEvent(tx, actor, entry));
}

/** Every stored field of an event except its own hash. */
interface HashedEvent extends AuditActor {
  id: string;
  chainKey: string;
  sequence: number;
  organizationId: string | null;
  createdAt: Date;
  action: string;
  resourcePath: string;
  outcome: Outcome;
  status: number;
  metadata: unknown;
  prevHash: string;
}

export function auditEventHash(event: HashedEvent): string {
  const canonical = JSON.stringify([
    event.prevHash, event.chainKey, event.sequence, event.id, event.createdAt.toISOString(), event.organizationId,
    event.actorType, event.actorId, event.actorLabel, event.source, event.action, event.resourcePath,
    event.outcome, event.status, event.ip, event.userAgent, canonicalJson(event.metadata ?? {}),
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonicalJson((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** Re-computes a chain: the first event whose hash or link does not match, or null if intact. */
export async function findBrokenAuditLink(chainKey: string): Promise<{ sequence: number } | null> {
  const db = await getDb();
  const events = await db.auditEvent.findMany({ where: { chainKey }, orderBy: { sequence: "asc" } });
  let previous = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const { hash, ...fields } = event;
    if (event.sequence !== index + 1 || event.prevHash !== previous || auditEventHash(fields) !== hash) return { sequence: event.sequence };
    previous = hash;
  }
  return null;
}
