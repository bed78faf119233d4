import { z } from "zod";
import { PERMISSIONS, scopeProblems, validateGrant } from "@/lib/authz";
import { orgParams, pageQuery, queryBoolean } from "./api";
import { displayNameSchema, SLUG_PATTERN } from "./common";

// API keys as the API sees them (docs/api.md#management, docs/api.md#api-keys). Scopes name slugs here; the service
// resolves them to ids for storage (lib/authz grants) and renders them back as slugs.

const scopeSlug = z.string().regex(SLUG_PATTERN, "A scope names an existing slug.");

export const tokenScopeSchema = z
  .union([
    z.strictObject({ team: scopeSlug.describe("Team slug") }),
    z.strictObject({
      project: scopeSlug.describe("Project slug"),
      target: scopeSlug.optional().describe("Target slug within the project"),
      environment: scopeSlug.optional().describe("Environment slug within the target"),
    }),
  ])
  .superRefine((scope, ctx) => {
    for (const message of scopeProblems(scope)) ctx.addIssue({ code: "custom", message });
  });

/** One grant; the same rules as lib/authz (`*:create` and organization-wide permissions are never scoped). */
export const tokenGrantSchema = z
  .strictObject({ permission: z.enum(PERMISSIONS), scope: tokenScopeSchema.optional() })
  .superRefine((grant, ctx) => {
    for (const problem of validateGrant(grant)) {
      if (problem.code !== "malformed_scope") ctx.addIssue({ code: "custom", message: problem.message, path: ["scope"] });
    }
  });

export type TokenGrantInput = z.infer<typeof tokenGrantSchema>;

export const EXPIRY_PRESETS = { "30d": 30, "60d": 60, "90d": 90, "1y": 365 } as const;
const DAY_MS = 86_400_000;

/** "never", a preset counted from now, or an ISO date / date-time strictly in the future → the expiry instant. */
export const tokenExpirySchema = z
  .union([
    z.enum(["never", "30d", "60d", "90d", "1y"]),
    z.iso.datetime({ offset: true }),
    z.iso.date(),
  ], { error: 'Use "never", "30d", "60d", "90d", "1y" or an ISO date in the future.' })
  .transform((value, ctx): Date | null => {
    if (value === "never") return null;
    if (value in EXPIRY_PRESETS) return new Date(Date.now() + EXPIRY_PRESETS[value as keyof typeof EXPIRY_PRESETS] * DAY_MS);
    const date = new Date(value);
    if (!(date.getTime() > Date.now())) {
      ctx.addIssue({ code: "custom", message: "The expiry date must be in the future." });
      return z.NEVER;
    }
    return date;
  });

const noteSchema = z.string().trim().max(1000, "Use at most 1,000 characters.");
const permissionsSchema = z.array(tokenGrantSchema).min(1, "Choose at least one permission.").max(200, "Use at most 200 grants.");

export const createTokenSchema = z.strictObject({
  name: displayNameSchema,
  note: noteSchema.nullish(),
  permissions: permissionsSchema,
  expires: tokenExpirySchema,
});

export const updateTokenSchema = z
  .strictObject({
    name: displayNameSchema.optional(),
    note: noteSchema.nullish(),
    permissions: permissionsSchema.optional(),
    expires: tokenExpirySchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Change at least one of name, note, permissions or expires.");

/** How long a rotated key's old token keeps working, so a deployment can switch without downtime. */
export const ROTATION_GRACE_PERIODS = { none: 0, "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export type RotationGrace = keyof typeof ROTATION_GRACE_PERIODS;

export const rotateTokenSchema = z.strictObject({
  grace: z
    .enum(Object.keys(ROTATION_GRACE_PERIODS) as [RotationGrace, ...RotationGrace[]])
    .optional()
    .describe("How long the old token keeps working: none (default: it stops at once), 1h, 24h or 7d"),
});

export type CreateTokenInput = z.infer<typeof createTokenSchema>;
export type UpdateTokenInput = z.infer<typeof updateTokenSchema>;

/** `{id}` in URLs is the key's public id (`key_…`), never its secret. */
export const tokenParams = orgParams.extend({
  id: z.string().regex(/^key_[0-9A-Za-z]{1,64}$/).describe("The key's public id (key_…)"),
});

export const listTokensQuery = pageQuery.extend({
  include_revoked: queryBoolean.optional().describe("Also list revoked keys (status \"revoked\")"),
});

// ------------------------------------------------------------------------------------------------
// Responses (the wire format: dates are ISO strings). These describe what the use cases in
// lib/services/tokens/manage.ts answer, so the dashboard types them from here rather than by hand;
// lib/schemas/responses.db.test.ts parses real answers with them, so a drift fails a test.

const timestamp = z.iso.datetime();

/** A grant as shown: slugs, with null where the named node was deleted (it then grants nothing). */
export const grantScopeViewSchema = z.union([
  z.strictObject({ team: z.string().nullable() }),
  z.strictObject({ project: z.string().nullable(), target: z.string().nullable().optional(), environment: z.string().nullable().optional() }),
]);

export const grantViewSchema = z.strictObject({ permission: z.enum(PERMISSIONS), scope: grantScopeViewSchema.optional() });

/** A key as listed and read: never its value or hash. */
export const apiKeySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  note: z.string().nullable(),
  permissions: z.array(grantViewSchema),
  expires_at: timestamp.nullable(),
  last_used_at: timestamp.nullable(),
  created_at: timestamp,
  rotated_at: timestamp.nullable(),
  revoked_at: timestamp.nullable(),
  created_by: z.strictObject({ id: z.string(), email: z.string() }).nullable(),
  status: z.enum(["active", "expired", "revoked"]),
  /** After a rotation with a grace period: until when the previous token still works (null: it does not). */
  previous_token_valid_until: timestamp.nullable(),
});

/** Create and rotate answers: the only responses that carry the token value. */
export const issuedKeySchema = z.strictObject({
  id: z.string(),
  token: z.string(),
  name: z.string(),
  note: z.string().nullable(),
  permissions: z.array(grantViewSchema),
  expires_at: timestamp.nullable(),
  created_at: timestamp,
  /** Rotate only: until when the replaced token still works (null: it stopped at once). */
  previous_token_valid_until: timestamp.nullable().optional(),
});

export type GrantScopeView = z.infer<typeof grantScopeViewSchema>;
export type GrantView = z.infer<typeof grantViewSchema>;
export type ApiKey = z.infer<typeof apiKeySchema>;
export type IssuedKey = z.infer<typeof issuedKeySchema>;
