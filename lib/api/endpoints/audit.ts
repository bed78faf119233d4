import { defineEndpoint, ok } from "@/lib/api/endpoint";
import { AUDIT_EXPORT_TYPES, auditExportResponse } from "@/lib/api/audit-export";
import { onOrganization } from "@/lib/services/access/plan";
import { orgParams } from "@/lib/schemas/api";
import { auditExportQuery, auditQuery } from "@/lib/schemas/audit";
import { exportAuditEvents, listAuditActors, listAuditEvents } from "@/lib/services/audit/query";
import { verifyOrganizationAuditLog } from "@/lib/services/audit/verify";

const FILTERS =
  "Filters: actor (an actor id, or else a label substring), action (exact, or a prefix ending in *), project/target/environment (slugs), outcome (success|denied|error), source (dashboard|api|cli|explorer), resource (substring of the path), from/to (ISO, inclusive).";

export const auditEndpoints = [
  defineEndpoint({
    id: "audit.list",
    method: "GET",
    path: "/{organization}/audit",
    tag: "Audit log",
    summary: "Read the audit log, newest first",
    description: `${FILTERS} Each event carries hash and prev_hash of the organization's chain. Cursor pagination.`,
    requires: () => onOrganization("audit.read", "audit:read"),
    params: orgParams,
    query: auditQuery,
    handle: async (context, { query }) => {
      const page = await listAuditEvents(context, query);
      return ok(page.data, page.meta);
    },
  }),
  defineEndpoint({
    id: "audit.export",
    method: "GET",
    path: "/{organization}/audit/export",
    tag: "Audit log",
    summary: "Export the filtered audit log as CSV or JSON Lines (streamed)",
    description: `${FILTERS} The whole filtered log, newest first, up to the chain's head when the export starts; streamed as a download.`,
    requires: () => onOrganization("audit.export", "audit:read"),
    params: orgParams,
    query: auditExportQuery,
    produces: Object.values(AUDIT_EXPORT_TYPES),
    handle: async (context, { params, query }) => auditExportResponse(await exportAuditEvents(context, query), query.format, params.organization),
  }),
  defineEndpoint({
    id: "audit.actors",
    method: "GET",
    path: "/{organization}/audit/actors",
    tag: "Audit log",
    summary: "Everyone who appears in the audit log (for the actor filter)",
    description: "People and API keys by id, callers without an id (anonymous) by label; most recently active first; at most 500.",
    requires: () => onOrganization("audit.actors.list", "audit:read"),
    params: orgParams,
    handle: async (context) => ok(await listAuditActors(context)),
  }),
  defineEndpoint({
    id: "audit.verify",
    method: "GET",
    path: "/{organization}/audit/verify",
    tag: "Audit log",
    summary: "Verify the organization's hash chain",
    description:
      "Recomputes every event's hash and link, and checks the chain's head and checkpoints, so edits and removals anywhere — at the start and the end included — show. Answers {intact, events, head: {sequence, hash}, first_broken: {sequence} | null, reason}.",
    requires: () => onOrganization("audit.verify", "audit:read"),
    params: orgParams,
    handle: async (context) => ok(await verifyOrganizationAuditLog(context)),
  }),
];
