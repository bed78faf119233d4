import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { Prisma } from "@/lib/data/generated/client";
import type { ActorType, Outcome, Source } from "@/lib/data/generated/enums";
import { AppError } from "@/lib/errors";
import { AUDIT_FILTERS, type AuditEventView, type AuditExportQuery, type AuditFilters, type AuditQuery } from "@/lib/schemas/audit";
import { auditRead } from "../access/guard";
import { DEFAULT_PAGE_SIZE } from "../shared/pagination";
import { getDb } from "@/lib/data/db";
import { sealAuditEvents } from "./sealer";

// Reading the audit log (docs/api.md#audit-log): newest first (by time, then chain order), with
// keyset pagination, so any page costs about as much as the first. Every filter has an index that
// yields its matches in this order (migration 20261203000000): a first page reads about one page of
// rows whatever the filters, on millions of events. Events are returned as stored, hash and
// previous hash included, so a client can check the chain. Reading the log is itself recorded
// (after the query, so a page never contains its own read).

interface EventRow {
  id: string;
  createdAt: Date;
  sequence: number;
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
  metadata: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

const COLUMNS = Prisma.sql`e."id", e."createdAt", e."sequence", e."actorType", e."actorId", e."actorLabel", e."source", e."action",
  e."resourcePath", e."outcome", e."status", e."ip", e."userAgent", e."metadata", e."hash", e."prevHash"`;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** `%`, `_` and `\` stand for themselves in a LIKE pattern built from user input. */
const literal = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The WHERE clause of a filtered view of one organization's chain. */
function conditions(organizationId: string, filters: AuditFilters): Prisma.Sql[] {
  // Sealed events only: the log shows each event with its place in the chain (callers seal first).
  const where = [Prisma.sql`e."chainKey" = ${organizationId}`, Prisma.sql`e."sequence" IS NOT NULL`];
  // An id (a ULID) names one actor, served by the actor index in order; anything else is a piece of
  // a label (an email, a key's name or public id), served by the trigram index.
  if (filters.actor) {
    where.push(ULID.test(filters.actor) ? Prisma.sql`e."actorId" = ${filters.actor}` : Prisma.sql`e."actorLabel" ILIKE ${`%${literal(filters.actor)}%`}`);
  }
  if (filters.action && filters.action !== "*") {
    where.push(filters.action.endsWith("*") ? Prisma.sql`e."action" LIKE ${`${literal(filters.action.slice(0, -1))}%`}` : Prisma.sql`e."action" = ${filters.action}`);
  }
  // The same expressions as the indexes (dotenv_audit_project…): the slugs an event's metadata
  // names, or the slug of the project, target or environment an event is about.
  if (filters.project) where.push(Prisma.sql`"dotenv_audit_project"(e."action", e."metadata") = ${filters.project}`);
  if (filters.target) where.push(Prisma.sql`"dotenv_audit_target"(e."action", e."metadata") = ${filters.target}`);
  if (filters.environment) where.push(Prisma.sql`"dotenv_audit_environment"(e."action", e."metadata") = ${filters.environment}`);
  if (filters.outcome) where.push(Prisma.sql`e."outcome" = ${filters.outcome.toUpperCase()}::"Outcome"`);
  if (filters.source) where.push(Prisma.sql`e."source" = ${filters.source.toUpperCase()}::"Source"`);
  if (filters.resource) where.push(Prisma.sql`e."resourcePath" ILIKE ${`%${literal(filters.resource)}%`}`);
  if (filters.from) where.push(Prisma.sql`e."createdAt" >= ${filters.from}`);
  if (filters.to) where.push(Prisma.sql`e."createdAt" < ${filters.to}`);
  return where;
}

/** Where a page starts: strictly older than the cursor's event (its id, as `meta.next_cursor` gave it). */
async function cursorPosition(organizationId: string, cursor: string): Promise<{ createdAt: Date; sequence: number }> {
  const db = await getDb();
  const row = await db.auditEvent.findFirst({ where: { id: cursor, chainKey: organizationId }, select: { createdAt: true, sequence: true } });
  if (!row || row.sequence === null) throw new AppError("invalid_request", "The cursor is not valid: use meta.next_cursor of the previous page.");
  return { createdAt: row.createdAt, sequence: row.sequence };
}

async function selectPage(where: Prisma.Sql[], take: number): Promise<EventRow[]> {
  const db = await getDb();
  return db.$queryRaw<EventRow[]>`
    SELECT ${COLUMNS} FROM "AuditEvent" e WHERE ${Prisma.join(where, " AND ")}
    ORDER BY e."createdAt" DESC, e."sequence" DESC LIMIT ${take}`;
}

const olderThan = (position: { createdAt: Date; sequence: number }) =>
  Prisma.sql`(e."createdAt", e."sequence") < (${position.createdAt}, ${position.sequence})`;

export function auditEventView(row: EventRow): AuditEventView {
  return {
    id: row.id, time: row.createdAt.toISOString(), sequence: row.sequence,
    actor: { type: row.actorType.toLowerCase() as AuditEventView["actor"]["type"], id: row.actorId, label: row.actorLabel },
    source: row.source.toLowerCase() as AuditEventView["source"], action: row.action, resource: row.resourcePath,
    outcome: row.outcome.toLowerCase() as AuditEventView["outcome"], status: row.status, ip: row.ip, user_agent: row.userAgent,
    metadata: row.metadata, hash: row.hash, prev_hash: row.prevHash,
  };
}

/** The filters a request used, by name only (never their values: a free-text filter could hold anything). */
const usedFilters = (filters: AuditFilters) => AUDIT_FILTERS.filter((name) => filters[name] !== undefined);

export async function listAuditEvents(context: ServiceContext, query: AuditQuery) {
  await sealAuditEvents();
  const take = query.limit ?? DEFAULT_PAGE_SIZE;
  const where = conditions(context.organizationId, query);
  if (query.cursor) where.push(olderThan(await cursorPosition(context.organizationId, query.cursor)));
  const rows = await selectPage(where, take + 1);
  const items = rows.slice(0, take);
  await auditRead(context, "audit.read", { count: items.length, filters: usedFilters(query) });
  return { data: items.map(auditEventView), meta: { next_cursor: rows.length > take ? items.at(-1)!.id : null } };
}

const EXPORT_PAGE = 1_000;

/**
 * An export of the filtered log, newest first, as pages of events fetched one at a time (keyset),
 * so memory stays flat however large the log. The read is recorded before the first page, and the
 * export stops at the chain's head as it was then: it never contains its own record, and events
 * appended meanwhile wait for the next export.
 */
export async function exportAuditEvents(context: ServiceContext, query: AuditExportQuery): Promise<AsyncGenerator<AuditEventView[]>> {
  await sealAuditEvents();
  const db = await getDb();
  const head = await db.auditChainHead.findUnique({ where: { chainKey: context.organizationId }, select: { sequence: true } });
  await auditRead(context, "audit.export", { format: query.format, filters: usedFilters(query) });
  const where = [...conditions(context.organizationId, query), Prisma.sql`e."sequence" <= ${head?.sequence ?? 0}`];
  return (async function* pages() {
    let position: { createdAt: Date; sequence: number } | null = null;
    for (;;) {
      const rows = await selectPage(position ? [...where, olderThan(position)] : where, EXPORT_PAGE);
      if (rows.length > 0) yield rows.map(auditEventView);
      if (rows.length < EXPORT_PAGE) return;
      const last = rows.at(-1)!;
      position = { createdAt: last.createdAt, sequence: last.sequence };
    }
  })();
}

const ACTOR_LIMIT = 500;

interface ActorRow {
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string;
  createdAt: Date;
}

/**
 * Everyone who appears in the organization's log (people and API keys by id; callers without one,
 * such as anonymous ones, by label), most recently active first: what the actor filter offers. Distinct actors are found by
 * skipping through the actor index (one index probe per actor), never by reading the whole log.
 */
export async function listAuditActors(context: ServiceContext) {
  const db = await getDb();
  const chainKey = context.organizationId;
  const rows = await db.$queryRaw<ActorRow[]>`
    WITH RECURSIVE actors AS (
      (SELECT "actorId" FROM "AuditEvent" WHERE "chainKey" = ${chainKey} AND "actorId" IS NOT NULL ORDER BY "actorId" LIMIT 1)
      UNION ALL
      SELECT (SELECT n."actorId" FROM "AuditEvent" n WHERE n."chainKey" = ${chainKey} AND n."actorId" > a."actorId" ORDER BY n."actorId" LIMIT 1)
      FROM actors a WHERE a."actorId" IS NOT NULL
    )
    SELECT latest."actorType", a."actorId", latest."actorLabel", latest."createdAt"
    FROM (SELECT "actorId" FROM actors WHERE "actorId" IS NOT NULL LIMIT ${ACTOR_LIMIT}) a
    CROSS JOIN LATERAL (
      SELECT l."actorType", l."actorLabel", l."createdAt" FROM "AuditEvent" l
      WHERE l."chainKey" = ${chainKey} AND l."actorId" = a."actorId" ORDER BY l."createdAt" DESC, l."sequence" DESC LIMIT 1
    ) latest
    UNION ALL
    -- Callers without an id (anonymous, the seed): by label, among the latest of them.
    (SELECT DISTINCT ON (t."actorType", t."actorLabel") t."actorType", NULL, t."actorLabel", t."createdAt"
     FROM (SELECT "actorType", "actorLabel", "createdAt", "sequence" FROM "AuditEvent" WHERE "chainKey" = ${chainKey} AND "actorId" IS NULL
           ORDER BY "createdAt" DESC, "sequence" DESC LIMIT 1000) t
     ORDER BY t."actorType", t."actorLabel", t."createdAt" DESC)`;
  await auditRead(context, "audit.actors.list", { count: rows.length });
  return rows
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((row) => ({ type: row.actorType.toLowerCase(), id: row.actorId, label: row.actorLabel, last_seen: row.createdAt.toISOString() }));
}
