import "server-only";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { appendAuditEvent, type AuditActor } from "../audit/record";

// Rotation grace periods (docs/api.md#api-keys): after `POST …/tokens/{id}/rotate {"grace": "24h"}`
// the replaced token keeps working until previousValidUntil, so a deployment can switch to the new
// one without downtime. When that moment passes the old hash is cleared and the end is recorded in
// the audit log, once: by whoever notices first — the old token presented again
// (authenticate.ts), the key rotated again or revoked (manage.ts), or the housekeeping run
// (housekeeping.ts) that every API request and dashboard page may trigger.

/** Who records an end nobody asked for: the clock. */
export const GRACE_ACTOR: AuditActor = { actorType: "SYSTEM", actorId: null, actorLabel: "rotation grace period", source: "API", ip: null, userAgent: null };

export type GraceEndReason = "elapsed" | "superseded" | "revoked";

interface GraceRow {
  id: string;
  publicId: string;
  name: string;
  organizationId: string;
  previousValidUntil: Date | null;
}

/**
 * Clears the previous token of `row` if it is still the one that was read, and records the end in
 * the same transaction. False when someone else ended it first (then nothing is recorded twice).
 */
export async function endGracePeriod(tx: Tx, row: GraceRow, reason: GraceEndReason, actor: AuditActor = GRACE_ACTOR): Promise<boolean> {
  if (!row.previousValidUntil) return false;
  const { count } = await tx.apiToken.updateMany({
    where: { id: row.id, previousValidUntil: row.previousValidUntil, previousTokenHash: { not: null } },
    data: { previousTokenHash: null, previousValidUntil: null },
  });
  if (count === 0) return false;
  await appendAuditEvent(tx, actor, {
    organizationId: row.organizationId, action: "token.grace.end", resourcePath: `/${row.organizationId}/tokens/${row.publicId}`, outcome: "SUCCESS", status: 200,
    // A period that had already run out ended by itself, whoever noticed.
    metadata: { id: row.publicId, name: row.name, reason: row.previousValidUntil <= new Date() ? "elapsed" : reason, valid_until: row.previousValidUntil.toISOString() },
  });
  return true;
}

const GRACE_SELECT = { id: true, publicId: true, name: true, organizationId: true, previousValidUntil: true } as const;

/** Ends every grace period that has run out (of one organization, or all); returns how many ended. */
export async function endLapsedGracePeriods(organizationId?: string, now = new Date()): Promise<number> {
  const db = await getDb();
  const lapsed = await db.apiToken.findMany({
    where: { previousValidUntil: { lte: now }, ...(organizationId ? { organizationId } : {}) },
    select: GRACE_SELECT,
    take: 100,
  });
  let ended = 0;
  for (const row of lapsed) {
    if (await db.$transaction((tx) => endGracePeriod(tx, row, "elapsed"))) ended++;
  }
  return ended;
}
