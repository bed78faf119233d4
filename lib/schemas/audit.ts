import { z } from "zod";
import { pageQuery, slugParam } from "./api";

// Filters of the audit log (docs/api.md#audit-log, docs/audit.md#what-is-recorded). Times are ISO
// date-times or days (UTC); both ends are inclusive, so `to=2026-03-31` includes that whole day.
// The same filters serve the list, the export and the dashboard's URL.

const DAY_MS = 86_400_000;
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "Use an ISO date or date-time." });

export const AUDIT_OUTCOMES = ["success", "denied", "error"] as const;
export const AUDIT_SOURCES = ["dashboard", "api", "cli", "explorer"] as const;

const auditFilterFields = {
  actor: z.string().trim().min(1).max(200).optional().describe("An actor's id (a ULID: that actor), or else a substring of its label (email, key name or key id)"),
  action: z
    .string()
    .max(100)
    .regex(/^(?:\*|[a-z0-9_:.-]+\*?)$/, "Use an action (secret.read) or a prefix ending in * (secret.*).")
    .optional()
    .describe("Exact action, or a prefix ending in * (e.g. secret.*)"),
  project: slugParam.optional().describe("Project slug: events about that project"),
  target: slugParam.optional().describe("Target slug: events about that target"),
  environment: slugParam.optional().describe("Environment slug: events about that environment"),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  source: z.enum(AUDIT_SOURCES).optional(),
  resource: z.string().trim().min(1).max(200).optional().describe("A substring of the resource path (case-insensitive)"),
  from: instant.transform((value) => new Date(value)).optional().describe("Earliest time (inclusive)"),
  // Kept as an exclusive bound: the next millisecond, or the next day for a day.
  to: instant.transform((value) => new Date(Date.parse(value) + (value.length === 10 ? DAY_MS : 1))).optional().describe("Latest time (inclusive)"),
};

/** The names of the filters, in the order the dashboard shows them and the audit record lists them. */
export const AUDIT_FILTERS = ["actor", "action", "project", "target", "environment", "outcome", "source", "resource", "from", "to"] as const;
export type AuditFilterName = (typeof AUDIT_FILTERS)[number];

const fromBeforeTo = (query: { from?: Date; to?: Date }) => !query.from || !query.to || query.from < query.to;
const fromBeforeToIssue = { message: "from must not be after to.", path: ["from"] };

export const auditFilters = z.object(auditFilterFields).refine(fromBeforeTo, fromBeforeToIssue);
export type AuditFilters = z.infer<typeof auditFilters>;

export const auditQuery = pageQuery.extend(auditFilterFields).refine(fromBeforeTo, fromBeforeToIssue);
export type AuditQuery = z.infer<typeof auditQuery>;

export const AUDIT_EXPORT_FORMATS = ["csv", "jsonl"] as const;
export const auditExportQuery = z
  .object({ ...auditFilterFields, format: z.enum(AUDIT_EXPORT_FORMATS).describe("csv, or jsonl (JSON Lines: one event per line)") })
  .refine(fromBeforeTo, fromBeforeToIssue);
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

/** One event as the API, the export and the dashboard show it. */
export const auditEventView = z.strictObject({
  id: z.string(),
  time: z.string(),
  sequence: z.number(),
  actor: z.strictObject({ type: z.enum(["user", "token", "anonymous", "system"]), id: z.string().nullable(), label: z.string() }),
  source: z.enum(AUDIT_SOURCES),
  action: z.string(),
  resource: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  status: z.number(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  hash: z.string(),
  prev_hash: z.string(),
});
export type AuditEventView = z.infer<typeof auditEventView>;

/** Who appears in the log, for the actor filter: users and API keys, newest activity first. */
export const auditActorView = z.strictObject({
  type: z.enum(["user", "token", "anonymous", "system"]),
  id: z.string().nullable(),
  label: z.string(),
  last_seen: z.string(),
});
export type AuditActorView = z.infer<typeof auditActorView>;

/** GET /audit/verify (docs/api.md#audit-verification). */
export const auditVerification = z.strictObject({
  intact: z.boolean(),
  events: z.number(),
  head: z.strictObject({ sequence: z.number(), hash: z.string() }),
  first_broken: z.strictObject({ sequence: z.number() }).nullable(),
  reason: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerification>;
