import { z } from "zod";
import { ROLES, type Role } from "@/lib/authz";
import { orgParams } from "./api";
import { emailSchema } from "./common";

// Members of an organization (SPEC §3 roles, §4.5). The API spells roles in lowercase snake case
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
