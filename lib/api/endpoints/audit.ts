import { defineEndpoint, ok } from "@/lib/api/endpoint";
import { onOrganization } from "@/lib/services/access/plan";
import { orgParams } from "@/lib/schemas/api";
import { auditQuery } from "@/lib/schemas/audit";
import { listAuditEvents } from "@/lib/services/audit/query";

export const auditEndpoints = [
  defineEndpoint({
    id: "audit.list",
    method: "GET",
    path: "/{organization}/audit",
    tag: "Audit log",
    summary: "Read the audit log, newest first",
    description: "Filters: actor (id or label substring), action (exact, or a prefix ending in *), project (slug), outcome (success|denied|error), from/to (ISO, inclusive). Each event carries hash and prev_hash of the organization's chain.",
    requires: () => onOrganization("audit.read", "audit:read"),
    params: orgParams,
    query: auditQuery,
    handle: async (context, { query }) => {
      const page = await listAuditEvents(context, query);
      return ok(page.data, page.meta);
    },
  }),
];
