import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import type { Prisma } from "@/lib/data/generated/client";
import type { Outcome } from "@/lib/data/generated/enums";
import type { AuditQuery } from "@/lib/schemas/audit";
import { auditRead } from "../access/guard";
import { pageArgs, pageOf } from "../shared/pagination";
import { getDb } from "@/lib/data/db";

// Reading the audit log (docs/api.md#management, docs/audit.md#what-is-recorded): newest first, in the organization's chain order. Events
// are returned as stored, hash and previous hash included, so a client can check the chain.
// Reading the log is itself recorded (after the query, so a page never contains its own read).

function whereOf(organizationId: string, query: AuditQuery): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (query.actor) and.push({ OR: [{ actorId: query.actor }, { actorLabel: { contains: query.actor, mode: "insensitive" } }] });
  if (query.action && query.action !== "*") {
    and.push(query.action.endsWith("*") ? { action: { startsWith: query.action.slice(0, -1) } } : { action: query.action });
  }
  if (query.project) {
    // Events whose path lies under the project (secrets, versions, keys, targets…) or whose
    // metadata names it (calls that carry the project in their body, like secrets/retrieve).
    const base = `/${organizationId}`;
    and.push({
      OR: [
        { resourcePath: `${base}/${query.project}` }, { resourcePath: { startsWith: `${base}/${query.project}/` } },
        { resourcePath: `${base}/projects/${query.project}` }, { resourcePath: { startsWith: `${base}/projects/${query.project}/` } },
        { metadata: { path: ["project"], equals: query.project } },
      ],
    });
  }
  if (query.outcome) and.push({ outcome: query.outcome.toUpperCase() as Outcome });
  if (query.from || query.to) and.push({ createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } });
  return { chainKey: organizationId, organizationId, AND: and };
}

export async function listAuditEvents(context: ServiceContext, query: AuditQuery) {
  const db = await getDb();
  const rows = await db.auditEvent.findMany({
    where: whereOf(context.organizationId, query), orderBy: { sequence: "desc" }, ...pageArgs(query),
  });
  const page = pageOf(rows, query);
  const filters = (["actor", "action", "project", "outcome", "from", "to"] as const).filter((name) => query[name] !== undefined);
  await auditRead(context, "audit.read", { count: page.items.length, filters });
  return {
    data: page.items.map((event) => ({
      id: event.id, time: event.createdAt, sequence: event.sequence,
      actor: { type: event.actorType.toLowerCase(), id: event.actorId, label: event.actorLabel },
      source: event.source.toLowerCase(), action: event.action, resource: event.resourcePath,
      outcome: event.outcome.toLowerCase(), status: event.status, ip: event.ip, user_agent: event.userAgent,
      metadata: event.metadata, hash: event.hash, prev_hash: event.prevHash,
    })),
    meta: { next_cursor: page.next_cursor },
  };
}
