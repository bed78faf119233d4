import { z } from "zod";
import { ROLES, type Role } from "@/lib/authz";
import { orgParams } from "./api";
import { emailSchema } from "./common";

// Members of an organization (docs/permissions.md#permission-catalog roles, §4.5). The API spells roles in lowercase snake case
// ("owner", "billing_manager", …); the database and lib/authz use the enum (OWNER, BILLING_MANAGER).

export const API_ROLES = ["owner", "administrator", "developer", "member", "auditor", "billing_manager", "api_user"] as const;
export type ApiRole = (typeof API_ROLES)[number];

export const roleToApi = (role: Role): ApiRole => role.toLowerCase() as ApiRole;

export const apiRoleSchema = z
  .enum(API_ROLES, { error: `Use one of: ${API_ROLES.join(", ")}.` })
  .transform((role): Role => {
    const value = role.toUpperCase();
    if (!(ROLES as readonly string[]).includes(value)) throw new TypeError(`role mapping: ${role}`);
    return value as Role;
  });

export const createMemberSchema = z.strictObject({
  email: emailSchema.describe("An existing user is added at once; anyone else is invited"),
  role: apiRoleSchema,
});

export const updateMemberSchema = z.strictObject({ role: apiRoleSchema });

export type CreateMemberInput = z.infer<typeof createMemberSchema>;
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

/** `{id}` is the membership id (as listed), not the user id. Loosely checked here so a body is still
 * validated (400/413/422) before an unknown id is answered 404. */
export const memberParams = orgParams.extend({ id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/).describe("Membership id (a ULID, as listed)") });

// ------------------------------------------------------------------------------------------------
// Responses (the wire format: dates are ISO strings), as lib/services/members/members.ts
// (memberView) and invitations.ts (invitationView) answer them; lib/schemas/responses.db.test.ts
// parses real answers with them, so a drift fails a test.

const timestamp = z.iso.datetime();

export const memberViewSchema = z.strictObject({
  id: z.string(),
  user: z.strictObject({ id: z.string(), email: z.string(), name: z.string() }),
  role: z.enum(API_ROLES),
  /** Slugs of this organization's teams the user belongs to, sorted. */
  teams: z.array(z.string()),
  created_at: timestamp,
  /** Whether the person has a second factor (docs/security.md#two-factor-authentication). */
  two_factor_enabled: z.boolean(),
});

/** A pending invitation: expired ones are listed too, so they can be resent. */
export const invitationViewSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  role: z.enum(API_ROLES),
  status: z.enum(["pending", "expired"]),
  invited_by: z.strictObject({ id: z.string(), email: z.string() }).nullable(),
  expires_at: timestamp,
  created_at: timestamp,
});

export type MemberView = z.infer<typeof memberViewSchema>;
export type InvitationView = z.infer<typeof invitationViewSchema>;
