import { ORG_WIDE_ROLES, ROLES, ROLE_LABELS, type Role } from "@/lib/authz";
import { API_ROLES, type ApiRole } from "@/lib/schemas/members";

// One line per role for the invite form, the role selects and the roles page. What each role may
// do in detail is the matrix (ROLE_MATRIX); these lines summarise it and say its reach.

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  OWNER: "Everything, including billing and deleting the organization; only Owners make or change Owners.",
  ADMINISTRATOR: "Manages members, teams, projects, keys, API keys and secrets; no billing, cannot delete the organization.",
  DEVELOPER: "Reads, decrypts and writes secrets, manages targets and environments of the projects they can see.",
  MEMBER: "Reads (as ciphertext) and writes secrets of the projects they can see; cannot have them decrypted on the server.",
  AUDITOR: "Reads everything (including the audit log) but changes nothing and decrypts nothing.",
  BILLING_MANAGER: "Billing only, plus the organization's name.",
  API_USER: "Reads and decrypts secrets of the projects they can see; meant for service accounts.",
};

export const roleScope = (role: Role) =>
  ORG_WIDE_ROLES.includes(role) ? "Organization-wide: sees every project." : "Team-restricted: sees open projects and those of their teams.";

export const apiRoleOf = (role: Role): ApiRole => role.toLowerCase() as ApiRole;
export const roleOfApi = (role: string): Role => role.toUpperCase() as Role;

export interface RoleOption {
  value: ApiRole;
  label: string;
  description: string;
}

/** Roles the current user may hand out: only an Owner grants Owner. */
export function roleOptions(currentRole: Role): RoleOption[] {
  return ROLES.filter((role) => role !== "OWNER" || currentRole === "OWNER").map((role) => ({
    value: apiRoleOf(role), label: ROLE_LABELS[role], description: `${ROLE_DESCRIPTIONS[role]} ${roleScope(role)}`,
  }));
}

export const roleLabelOf = (apiRole: string) => ROLE_LABELS[roleOfApi(apiRole)] ?? apiRole;
export { API_ROLES };
