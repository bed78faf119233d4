import "server-only";
import { Prisma } from "@/lib/data/generated/client";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { appendAuditEvent, type AuditActor } from "./record";

// Unauthenticated refusals (docs/audit.md#unauthenticated-refusals): a bad API key, a sign-in of
// an unknown email. Anyone can send them, as fast as they like, so one event per attempt would let
// anyone fill the disk. Instead each attempt adds one to the window of its address and action for
// the current minute (one row, updated in place), an address past the limit (60 a minute) is answered
// 429 before anything else is done, and each closed window becomes ONE audit event whose metadata
// carries the count. The window row is written before the refusal is answered, so no attempt goes
// unrecorded; the event follows within about a minute.

/** Refusals per address and action per minute before the address is answered 429; DOTENV_REFUSAL_RATE_LIMIT overrides. */
export function refusalsPerMinute(): number {
  const configured = Number(process.env.DOTENV_REFUSAL_RATE_LIMIT ?? 60);
  return Number.isInteger(configured) && configured > 0 ? configured : 60;
}
const FLUSH_EVERY_MS = 30_000;
const FLUSH_BATCH = 500;
const RESOURCES_KEPT = 5;

export interface Refusal {
  /** `auth.api.refused`, `auth.login.failed`. */
  action: string;
  resourcePath: string;
  /** Why: an error code (`invalid_token`) or a reason (`unknown_user`). */
  reason: string;
  /** The status the refusal is answered with. */
  status: number;
}

/** Counts a refusal in its window; throws 429 `rate_limited` once the address is past the limit. */
export async function recordUnauthenticatedRefusal(actor: AuditActor, refusal: Refusal): Promise<void> {
  keepFlushing();
  const db = await getDb();
  const [window] = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    WITH clock AS (SELECT date_trunc('minute', now() AT TIME ZONE 'UTC') AS "start", now() AT TIME ZONE 'UTC' AS "at")
    INSERT INTO "AuditRefusalWindow" AS w ("key", "action", "ip", "userAgent", "source", "status", "windowStart", "firstAt", "lastAt", "count", "reasons", "resources")
    SELECT ${refusal.action} || '|' || ${actor.ip ?? "-"} || '|' || to_char(clock."start", 'YYYY-MM-DD"T"HH24:MI'),
      ${refusal.action}, ${actor.ip}, ${actor.userAgent?.slice(0, 512) ?? null}, ${actor.source}::"Source", ${refusal.status},
      clock."start", clock."at", clock."at", 1, jsonb_build_object(${refusal.reason}::text, 1), jsonb_build_array(${refusal.resourcePath.slice(0, 300)}::text)
    FROM clock
    ON CONFLICT ("key") DO UPDATE SET
      "count" = w."count" + 1,
      "lastAt" = EXCLUDED."lastAt",
      "reasons" = w."reasons" || jsonb_build_object(${refusal.reason}::text, COALESCE((w."reasons"->>${refusal.reason}::text)::int, 0) + 1),
      "resources" = CASE WHEN jsonb_array_length(w."resources") < ${RESOURCES_KEPT} AND NOT w."resources" @> EXCLUDED."resources"
                         THEN w."resources" || EXCLUDED."resources" ELSE w."resources" END
    RETURNING "count", "windowStart"`;
  if (window && window.count > refusalsPerMinute()) {
    const retryAfter = Math.max(1, Math.ceil((window.windowStart.getTime() + 60_000 - Date.now()) / 1000));
    throw new AppError("rate_limited", "Too many refused requests from this address. Try again later.", { retryAfter });
  }
}

interface ClosedWindow {
  action: string;
  ip: string | null;
  userAgent: string | null;
  source: AuditActor["source"];
  status: number;
  windowStart: Date;
  firstAt: Date;
  lastAt: Date;
  count: number;
  reasons: Record<string, number>;
  resources: string[];
}

/**
 * Turns closed windows (every window, with `includeOpen`) into one audit event each, in one
 * transaction: a window is removed exactly when its event is appended. Safe to run on every
 * instance at once (rows another instance is flushing are skipped). Answers how many it wrote.
 */
export async function flushRefusalWindows(options: { includeOpen?: boolean } = {}): Promise<number> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const closed = options.includeOpen ? Prisma.sql`TRUE` : Prisma.sql`"windowStart" < date_trunc('minute', now() AT TIME ZONE 'UTC')`;
    const windows = await tx.$queryRaw<ClosedWindow[]>`
      DELETE FROM "AuditRefusalWindow" WHERE "key" IN (
        SELECT "key" FROM "AuditRefusalWindow" WHERE ${closed} ORDER BY "windowStart" LIMIT ${FLUSH_BATCH} FOR UPDATE SKIP LOCKED
      ) RETURNING "action", "ip", "userAgent", "source", "status", "windowStart", "firstAt", "lastAt", "count", "reasons", "resources"`;
    for (const window of windows.sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime())) {
      await appendAuditEvent(tx, { actorType: "ANONYMOUS", actorId: null, actorLabel: "anonymous", source: window.source, ip: window.ip, userAgent: window.userAgent }, {
        organizationId: null, action: window.action, resourcePath: window.resources[0] ?? "/", outcome: "DENIED", status: window.status,
        metadata: {
          count: window.count, window_start: window.windowStart.toISOString(), first_at: window.firstAt.toISOString(), last_at: window.lastAt.toISOString(),
          reasons: window.reasons, resources: window.resources, rate_limited: Math.max(0, window.count - refusalsPerMinute()),
        },
      });
    }
    return windows.length;
  });
}

const flusher = globalThis as unknown as { dotenvRefusalFlusher?: ReturnType<typeof setInterval> };

/**
 * Once a process has counted a refusal, it flushes closed windows every 30 seconds (and at once,
 * which also picks up windows an instance left behind when it stopped). Failures wait for the
 * next round: the windows stay in the database until their event is written.
 */
function keepFlushing(): void {
  if (flusher.dotenvRefusalFlusher) return;
  const flush = () => void flushRefusalWindows().catch(() => {});
  flusher.dotenvRefusalFlusher = setInterval(flush, FLUSH_EVERY_MS);
  flusher.dotenvRefusalFlusher.unref?.();
  flush();
}
