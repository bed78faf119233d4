import "server-only";
import { getDb } from "@/lib/data/db";
import type { ServiceContext } from "../context";
import { auditRead } from "../access/guard";
import { auditEventHash, GENESIS_HASH, type ChainedEvent } from "./chain";
import { sealAuditEvents } from "./sealer";

// Verifying a chain from what is stored (docs/audit.md#verification): its events walked in
// sequence order, its head and its checkpoints. Nothing here depends on how events were written
// (locks, transactions), only on the stored fields, so the write path may change freely.
//
// What each check catches:
// - sequence gaps, previous-hash links and recomputed hashes: an event edited, removed or
//   reordered anywhere (removing the first events leaves the chain starting after 1);
// - the head: events removed from the end (the head names a later event than the last stored);
// - checkpoints: the same when the head was rolled back too, and any checkpointed event rewritten;
// - anchors (each event names the latest checkpoint): a checkpoint removed or rewritten.

export interface ChainVerdict {
  intact: boolean;
  /** Events stored in the chain. */
  events: number;
  head: { sequence: number; hash: string };
  first_broken: { sequence: number } | null;
  /** Why it is broken, in words; null when intact. */
  reason: string | null;
}

const PAGE = 5_000;

/** GET /audit/verify: the organization's chain, verified; the verification is recorded after it. */
export async function verifyOrganizationAuditLog(context: ServiceContext): Promise<ChainVerdict> {
  const verdict = await verifyAuditChain(context.organizationId);
  await auditRead(context, "audit.verify", { intact: verdict.intact, events: verdict.events, first_broken: verdict.first_broken?.sequence ?? null });
  return verdict;
}

/** The first event of a chain that fails verification, or null if it is intact. */
export async function findBrokenAuditLink(chainKey: string): Promise<{ sequence: number } | null> {
  return (await verifyAuditChain(chainKey)).first_broken;
}

interface Snapshot {
  headSequence: number | null;
  headHash: string | null;
  lastEvent: number | null;
  lastCheckpoint: number | null;
  events: bigint | number;
}

export async function verifyAuditChain(chainKey: string): Promise<ChainVerdict> {
  // Every event committed before now gets its place in the chain first (./sealer.ts); events
  // inserted meanwhile stay unsealed, beyond the head, and are left for the next verification.
  await sealAuditEvents();
  const db = await getDb();
  // One statement, so head, checkpoints and events are seen at the same instant; events appended
  // while the walk runs lie beyond this head and are left for the next verification.
  const [snapshot] = await db.$queryRaw<Snapshot[]>`
    SELECT h."sequence" AS "headSequence", h."hash" AS "headHash",
      (SELECT max("sequence") FROM "AuditEvent" WHERE "chainKey" = ${chainKey}) AS "lastEvent",
      (SELECT max("sequence") FROM "AuditCheckpoint" WHERE "chainKey" = ${chainKey}) AS "lastCheckpoint",
      (SELECT count("sequence") FROM "AuditEvent" WHERE "chainKey" = ${chainKey}) AS "events"
    FROM (SELECT 1) AS one LEFT JOIN "AuditChainHead" h ON h."chainKey" = ${chainKey}`;
  const headSequence = snapshot?.headSequence ?? 0;
  const head = { sequence: headSequence, hash: snapshot?.headHash ?? GENESIS_HASH };
  const verdict = (broken: number | null, reason: string | null): ChainVerdict => ({
    intact: broken === null, events: Number(snapshot?.events ?? 0), head, first_broken: broken === null ? null : { sequence: broken }, reason,
  });

  const checkpoints = new Map(
    (await db.auditCheckpoint.findMany({ where: { chainKey, sequence: { lte: headSequence } }, select: { sequence: true, hash: true } }))
      .map((row) => [row.sequence, row.hash]),
  );
  const walked = await walk(chainKey, headSequence, checkpoints);
  if (walked.broken !== null) return verdict(walked.broken, walked.reason);
  if (walked.last < headSequence) return verdict(walked.last + 1, `events ${walked.last + 1} to ${headSequence} are missing: the head names a later event`);
  if (headSequence > 0 && walked.lastHash !== head.hash) return verdict(headSequence, "the head's hash differs from the last event's");
  if ((snapshot?.lastCheckpoint ?? 0) > headSequence) return verdict(headSequence + 1, "a checkpoint names an event after the head: events were removed from the end");
  if ((snapshot?.lastEvent ?? 0) > headSequence) return verdict(headSequence + 1, "events lie beyond the head: the head was moved back");
  return verdict(null, null);
}

interface Walk {
  /** The last sequence walked, and its hash. */
  last: number;
  lastHash: string;
  broken: number | null;
  reason: string | null;
}

/** One page of a chain, in sequence order: every stored field. */
async function pageAfter(chainKey: string, after: number, bound: number): Promise<(ChainedEvent & { hash: string })[]> {
  const db = await getDb();
  return db.$queryRaw<(ChainedEvent & { hash: string })[]>`
    SELECT "id", "chainKey", "sequence", "organizationId", "createdAt", "actorType", "actorId", "actorLabel", "source", "action",
      "resourcePath", "outcome", "status", "ip", "userAgent", "metadata", "prevHash", "hash", "anchorSequence", "anchorHash"
    FROM "AuditEvent" WHERE "chainKey" = ${chainKey} AND "sequence" > ${after} AND "sequence" <= ${bound}
    ORDER BY "sequence" LIMIT ${PAGE}`;
}

/**
 * Walks events 1…bound in order, a page at a time, and stops at the first one that fails. The next
 * page is fetched while the current one is hashed, so a long chain costs about the larger of the two.
 */
async function walk(chainKey: string, bound: number, checkpoints: Map<number, string>): Promise<Walk> {
  let last = 0;
  let lastHash = GENESIS_HASH;
  // Hashes walked since the current anchor: an event's anchor must name one of them (or the anchor
  // already confirmed), and match the checkpoint stored for it.
  let anchor = null as { sequence: number; hash: string } | null;
  let sinceAnchor = new Map<number, string>();
  const broken = (sequence: number, reason: string): Walk => ({ last, lastHash, broken: sequence, reason });

  let next = bound > 0 ? pageAfter(chainKey, 0, bound) : Promise.resolve([]);
  for (;;) {
    const page = await next;
    if (page.length === 0) break;
    const tail = page.at(-1)!.sequence;
    next = tail < bound ? pageAfter(chainKey, tail, bound) : Promise.resolve([]);
    for (const { hash, ...event } of page) {
      if (event.sequence !== last + 1) return settle(next, broken(last + 1, last === 0 ? "the chain does not start at event 1: its first events are missing" : `event ${last + 1} is missing`));
      if (event.prevHash !== lastHash) return settle(next, broken(event.sequence, "its previous hash does not match the event before it"));
      if (auditEventHash(event) !== hash) return settle(next, broken(event.sequence, "its content does not match its hash: it was changed"));
      const checkpoint = checkpoints.get(event.sequence);
      if (checkpoint !== undefined && checkpoint !== hash) return settle(next, broken(event.sequence, "its checkpoint records another hash"));
      if (event.anchorSequence === null && anchor !== null) return settle(next, broken(event.sequence, "it names no checkpoint although an earlier event did"));
      const sameAnchor = anchor !== null && event.anchorSequence === anchor.sequence && event.anchorHash === anchor.hash;
      if (event.anchorSequence !== null && !sameAnchor) {
        const anchored = sinceAnchor.get(event.anchorSequence);
        if (anchored === undefined || anchored !== event.anchorHash || checkpoints.get(event.anchorSequence) !== anchored) {
          return settle(next, broken(event.sequence, "the checkpoint it names is missing or differs"));
        }
        anchor = { sequence: event.anchorSequence, hash: anchored };
        sinceAnchor = new Map([...sinceAnchor].filter(([sequence]) => sequence > event.anchorSequence!));
      }
      sinceAnchor.set(event.sequence, hash);
      last = event.sequence;
      lastHash = hash;
    }
  }
  return { last, lastHash, broken: null, reason: null };
}

/** Lets a page fetched ahead finish (or fail) quietly before answering. */
async function settle(pending: Promise<unknown>, result: Walk): Promise<Walk> {
  await pending.catch(() => {});
  return result;
}
