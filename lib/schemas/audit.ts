import { z } from "zod";
import { pageQuery, slugParam } from "./api";

// Filters of the audit log (docs/api.md#management, docs/audit.md#what-is-recorded). Times are ISO date-times or days (UTC); both ends are
// inclusive, so `to=2026-03-31` includes that whole day.

const DAY_MS = 86_400_000;
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "Use an ISO date or date-time." });

export const auditQuery = pageQuery
  .extend({
    actor: z.string().trim().min(1).max(200).optional().describe("Actor id, or a substring of its label (email, key name or key id)"),
    action: z
      .string()
      .max(100)
      .regex(/^(?:\*|[a-z0-9_:.-]+\*?)$/, "Use an action (secret.read) or a prefix ending in * (secret.*).")
      .optional()
      .describe("Exact action, or a prefix ending in * (e.g. secret.*)"),
    project: slugParam.optional().describe("Project slug: events under that project"),
    outcome: z.enum(["success", "denied", "error"]).optional(),
    from: instant.transform((value) => new Date(value)).optional().describe("Earliest time (inclusive)"),
    // Kept as an exclusive bound: the next millisecond, or the next day for a day.
    to: instant.transform((value) => new Date(Date.parse(value) + (value.length === 10 ? DAY_MS : 1))).optional().describe("Latest time (inclusive)"),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, { message: "from must not be after to.", path: ["from"] });

export type AuditQuery = z.infer<typeof auditQuery>;
