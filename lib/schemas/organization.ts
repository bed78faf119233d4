import { z } from "zod";
import { queryBoolean } from "./api";
import { displayNameSchema } from "./common";

export const createOrganizationSchema = z.object({ name: displayNameSchema });
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

// History retention (docs/hierarchy.md#versions-and-history): keep the newest N versions of each
// level, and/or versions younger than N days. Either limit removes what it exceeds at the level's
// next write; the current version always stays. null (or {}) keeps everything.
export const RETENTION_VERSIONS = { min: 10, max: 1000 } as const;
export const RETENTION_DAYS = { min: 1, max: 3650 } as const;

export const historyRetentionSchema = z.strictObject({
  versions: z.number().int("Use a whole number.").min(RETENTION_VERSIONS.min, `Keep at least ${RETENTION_VERSIONS.min} versions.`)
    .max(RETENTION_VERSIONS.max, `Keep at most ${RETENTION_VERSIONS.max} versions.`).optional(),
  days: z.number().int("Use a whole number.").min(RETENTION_DAYS.min, `Keep versions at least ${RETENTION_DAYS.min} day.`)
    .max(RETENTION_DAYS.max, `Keep versions at most ${RETENTION_DAYS.max} days.`).optional(),
});
export type HistoryRetention = z.infer<typeof historyRetentionSchema>;

export const updateOrganizationSchema = z
  .strictObject({
    name: displayNameSchema.optional(),
    history_retention: historyRetentionSchema.nullable().optional().describe("null keeps every version"),
  })
  .refine((body) => body.name !== undefined || body.history_retention !== undefined, { message: "Send name, history_retention or both." });
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;

// Deleting needs the organization's name typed again (organizations have no slug): the answer to
// a missing or different `confirm` is 422 confirmation_required. `dry_run=true` only answers what
// would be lost.
export const deleteOrganizationSchema = z.strictObject({
  confirm: z.string().max(200).optional().describe("The organization's name, exactly"),
});
export const deleteOrganizationQuery = z.object({
  dry_run: queryBoolean.optional().describe("Answer what would be deleted, and delete nothing"),
});

export const organizationViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  history_retention: historyRetentionSchema.nullable(),
});
export type OrganizationView = z.infer<typeof organizationViewSchema>;

/** What deleting an organization takes with it. */
export const deletionImpactSchema = z.strictObject({
  projects: z.number(),
  targets: z.number(),
  environments: z.number(),
  secret_levels: z.number(),
  versions: z.number(),
  members: z.number(),
  invitations: z.number(),
  teams: z.number(),
  api_keys: z.number(),
  audit_events: z.number(),
});
export type DeletionImpact = z.infer<typeof deletionImpactSchema>;

export const deletionPreviewSchema = z.strictObject({
  organization: z.strictObject({ id: z.string(), name: z.string() }),
  dry_run: z.literal(true),
  will_delete: deletionImpactSchema,
});
