import { createHash } from "node:crypto";
import type { ActorType, Outcome, Source } from "@/lib/data/generated/enums";

// The hash chain's definition (docs/audit.md#hash-chain), shared by the one writer (./record.ts)
// and the verifier (./verify.ts): what an event's hash covers, the first event's previous hash,
// and how often a checkpoint is kept. Pure: no database.

export const GENESIS_HASH = "0".repeat(64);
/** The chain of events that belong to no organization (sign-up, sign-in, refused API keys). */
export const NO_ORGANIZATION = "-";

/** A checkpoint every this many events of a chain; DOTENV_AUDIT_CHECKPOINT_INTERVAL overrides (tests lower it). */
export function checkpointInterval(): number {
  const configured = Number(process.env.DOTENV_AUDIT_CHECKPOINT_INTERVAL ?? 100);
  return Number.isInteger(configured) && configured > 0 ? configured : 100;
}

/** Every stored field of an event except its own hash. */
export interface ChainedEvent {
  id: string;
  chainKey: string;
  sequence: number;
  organizationId: string | null;
  createdAt: Date;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string;
  source: Source;
  action: string;
  resourcePath: string;
  outcome: Outcome;
  status: number;
  ip: string | null;
  userAgent: string | null;
  metadata: unknown;
  prevHash: string;
  anchorSequence: number | null;
  anchorHash: string | null;
}

/**
 * Lowercase hex SHA-256 of the JSON array of the event's fields in a fixed order. An event that
 * carries an anchor (the chain's latest checkpoint) appends its sequence and hash, so events
 * written before anchors existed keep the hash they were written with.
 */
export function auditEventHash(event: ChainedEvent): string {
  const fields: unknown[] = [
    event.prevHash, event.chainKey, event.sequence, event.id, event.createdAt.toISOString(), event.organizationId,
    event.actorType, event.actorId, event.actorLabel, event.source, event.action, event.resourcePath,
    event.outcome, event.status, event.ip, event.userAgent, canonicalJson(event.metadata ?? {}),
  ];
  if (event.anchorSequence !== null) fields.push(event.anchorSequence, event.anchorHash);
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonicalJson((value as Record<string, unknown>)[key])]));
  }
  return value;
}
