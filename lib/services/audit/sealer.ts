import "server-only";
import { directTransaction, type RawTx } from "@/lib/data/client";
import { getDb, openDbOrNull } from "@/lib/data/db";
import { auditEventHash, checkpointInterval, GENESIS_HASH, type ChainedEvent } from "./chain";

// The sealer (docs/audit.md#sealing): requests insert their events unsealed (./record.ts), with no
// lock; one sealer at a time — a transaction-scoped advisory lock, on any instance — takes the
// unsealed events in append order and gives each its place in its organization's chain: sequence,
// previous hash, hash and anchor (./chain.ts), then moves the chain heads and writes checkpoints,
// all in one transaction. Each instance wakes its sealer shortly after it inserts, and every
// SEAL_INTERVAL_MS anyway (events of a crashed instance, changes committed later than the wake).
// Readers that need the chain exact (verify, the log, the export) seal first: `sealAuditEvents()`.

/** pg_advisory_xact_lock key of the sealer (and of anything that must not interleave with it). */
export const AUDIT_SEALER_LOCK = 0x0d07e4_5ea1;
const BATCH = 2_000;
const WAKE_DELAY_MS = 200;
const SEAL_INTERVAL_MS = 500;

interface UnsealedRow extends Omit<ChainedEvent, "sequence" | "prevHash" | "anchorSequence" | "anchorHash"> {
  appendOrder: bigint;
}

interface HeadRow {
  chainKey: string;
  sequence: number;
  hash: string;
  anchorSequence: number | null;
  anchorHash: string | null;
}

/**
 * Seals every event committed before the call (waiting for a sealer running elsewhere to finish).
 * Returns how many events this call sealed.
 */
export async function sealAuditEvents(): Promise<number> {
  let sealed = 0;
  for (;;) {
    const batch = await sealBatch(true);
    sealed += batch;
    if (batch < BATCH) return sealed;
  }
}

/** One batch under the lock; `wait` false (the background) skips it when another sealer holds the lock or the database is closed. */
async function sealBatch(wait: boolean): Promise<number> {
  // The background never reopens a database a script has closed (its events are sealed by the
  // next sealer that runs, on any instance).
  const open = wait ? getDb() : openDbOrNull();
  if (!open) return 0;
  const db = await open;
  // Raw statements on pg (directTransaction): a run every few hundred ms under load, six statements
  // each, without Prisma's transaction machinery.
  return directTransaction(db, async (tx) => {
    if (wait) {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${AUDIT_SEALER_LOCK}::bigint)::text AS locked`;
    } else {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${AUDIT_SEALER_LOCK}::bigint) AS locked`;
      if (!lock?.locked) return 0;
    }
    return sealLocked(tx);
  });
}

async function sealLocked(tx: RawTx): Promise<number> {
  const rows = await tx.$queryRaw<UnsealedRow[]>`
    SELECT "id", "chainKey", "organizationId", "createdAt", "actorType", "actorId", "actorLabel", "source", "action",
      "resourcePath", "outcome", "status", "ip", "userAgent", "metadata", "appendOrder"
    FROM "AuditEvent" WHERE "hash" IS NULL ORDER BY "appendOrder" LIMIT ${BATCH}`;
  if (rows.length === 0) return 0;
  // The organizations whose events these are, locked until this commits, so none is deleted
  // meanwhile (its head would outlive it). Events of one already deleted are going with it: skipped.
  const organizationIds = [...new Set(rows.flatMap((row) => (row.organizationId ? [row.organizationId] : [])))];
  const live = new Set(
    (await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Organization" WHERE "id" IN (SELECT jsonb_array_elements_text(${JSON.stringify(organizationIds)}::jsonb))
      ORDER BY "id" FOR KEY SHARE`).map((row) => row.id),
  );
  const events = rows.filter((row) => row.organizationId === null || live.has(row.organizationId));
  const chainKeys = [...new Set(events.map((row) => row.chainKey))];
  const heads = new Map(
    (await tx.$queryRaw<HeadRow[]>`
      SELECT "chainKey", "sequence", "hash", "anchorSequence", "anchorHash" FROM "AuditChainHead"
      WHERE "chainKey" IN (SELECT jsonb_array_elements_text(${JSON.stringify(chainKeys)}::jsonb))`).map((head) => [head.chainKey, head]),
  );
  const interval = checkpointInterval();
  const sealed: { id: string; sequence: number; prevHash: string; hash: string; anchorSequence: number | null; anchorHash: string | null }[] = [];
  const checkpoints: { chainKey: string; sequence: number; hash: string; organizationId: string | null; createdAt: string }[] = [];
  for (const { appendOrder: _order, ...row } of events) {
    const head = heads.get(row.chainKey) ?? { chainKey: row.chainKey, sequence: 0, hash: GENESIS_HASH, anchorSequence: null, anchorHash: null };
    const event: ChainedEvent = { ...row, sequence: head.sequence + 1, prevHash: head.hash, anchorSequence: head.anchorSequence, anchorHash: head.anchorHash };
    const hash = auditEventHash(event);
    sealed.push({ id: event.id, sequence: event.sequence, prevHash: event.prevHash, hash, anchorSequence: event.anchorSequence, anchorHash: event.anchorHash });
    // Every N events the event just sealed becomes a checkpoint, and the anchor of later events.
    const checkpoint = event.sequence % interval === 0;
    if (checkpoint) checkpoints.push({ chainKey: event.chainKey, sequence: event.sequence, hash, organizationId: event.organizationId, createdAt: event.createdAt.toISOString() });
    heads.set(row.chainKey, {
      chainKey: row.chainKey, sequence: event.sequence, hash,
      anchorSequence: checkpoint ? event.sequence : head.anchorSequence, anchorHash: checkpoint ? hash : head.anchorHash,
    });
  }
  if (events.length === 0) return rows.length;
  await tx.$executeRaw`
    UPDATE "AuditEvent" AS e SET "sequence" = v."sequence", "prevHash" = v."prevHash", "hash" = v."hash",
      "anchorSequence" = v."anchorSequence", "anchorHash" = v."anchorHash"
    FROM jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb)
      AS v("id" text, "sequence" int, "prevHash" text, "hash" text, "anchorSequence" int, "anchorHash" text)
    WHERE e."id" = v."id" AND e."hash" IS NULL`;
  if (checkpoints.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "AuditCheckpoint" ("chainKey", "sequence", "hash", "organizationId", "createdAt")
      SELECT v."chainKey", v."sequence", v."hash", v."organizationId", v."createdAt"
      FROM jsonb_to_recordset(${JSON.stringify(checkpoints)}::jsonb)
        AS v("chainKey" text, "sequence" int, "hash" text, "organizationId" text, "createdAt" timestamp(3))`;
  }
  const moved = chainKeys.map((chainKey) => heads.get(chainKey)!);
  await tx.$executeRaw`
    INSERT INTO "AuditChainHead" ("chainKey", "sequence", "hash", "anchorSequence", "anchorHash")
    SELECT v."chainKey", v."sequence", v."hash", v."anchorSequence", v."anchorHash"
    FROM jsonb_to_recordset(${JSON.stringify(moved)}::jsonb)
      AS v("chainKey" text, "sequence" int, "hash" text, "anchorSequence" int, "anchorHash" text)
    ON CONFLICT ("chainKey") DO UPDATE SET "sequence" = EXCLUDED."sequence", "hash" = EXCLUDED."hash",
      "anchorSequence" = EXCLUDED."anchorSequence", "anchorHash" = EXCLUDED."anchorHash"`;
  return rows.length;
}

// The background sealer of this process: woken shortly after an insert, and on an interval.
const state = globalThis as unknown as { dotenvAuditSealer?: { timer: NodeJS.Timeout | null; running: boolean; again: boolean; interval: NodeJS.Timeout | null } };

function sealer() {
  state.dotenvAuditSealer ??= { timer: null, running: false, again: false, interval: null };
  return state.dotenvAuditSealer;
}

/** Asks this process's sealer to run soon (after an insert). Never throws, never waits. */
export function wakeAuditSealer(): void {
  const s = sealer();
  if (!s.interval) {
    s.interval = setInterval(() => wakeAuditSealer(), SEAL_INTERVAL_MS);
    s.interval.unref();
  }
  if (s.running) {
    s.again = true;
    return;
  }
  if (s.timer) return;
  s.timer = setTimeout(runBackground, WAKE_DELAY_MS);
  s.timer.unref();
}

async function runBackground(): Promise<void> {
  const s = sealer();
  s.timer = null;
  s.running = true;
  s.again = false;
  try {
    // Another instance sealing now takes these events too, or this one comes back on its interval.
    while ((await sealBatch(false)) === BATCH);
  } catch {
    // The next wake or interval tries again: an unsealed event is already durable.
  } finally {
    s.running = false;
    if (s.again) wakeAuditSealer();
  }
}
