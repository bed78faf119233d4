/** Roles of people in an organization and what each one may do (docs/permissions.md#permission-catalog). */
import { PERMISSIONS, type Permission } from "./catalog";

/** The exact strings of the database's `Role` enum, in the order the roles page shows them. */
export const ROLES = [
  "OWNER",
  "ADMINISTRATOR",
  "DEVELOPER",
  "MEMBER",
  "AUDITOR",
  "BILLING_MANAGER",
  "API_USER",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  OWNER: "Owner",
  ADMINISTRATOR: "Administrator",
  DEVELOPER: "Developer",
  MEMBER: "Member",
  AUDITOR: "Auditor",
  BILLING_MANAGER: "Billing Manager",
  API_USER: "API User",
};

/**
 * Roles that apply to the whole organization: they see every project. Every other role sees a
 * project with team restrictions only through membership of one of those teams.
 */
export const ORG_WIDE_ROLES: readonly Role[] = ["OWNER", "ADMINISTRATOR", "AUDITOR", "BILLING_MANAGER"];

const allExcept = (...excluded: Permission[]) => PERMISSIONS.filter((p) => !excluded.includes(p));
const startingWith = (prefix: string) => PERMISSIONS.filter((p) => p.startsWith(prefix));

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  OWNER: PERMISSIONS,
  ADMINISTRATOR: allExcept("billing:read", "billing:manage", "organization:delete"),
  DEVELOPER: [
    "secret:read",
    "secret:write",
    "secret:decrypt",
    "secret:history",
    "secret:restore",
    "key:retrieve",
    "project:read",
    "project:update",
    ...startingWith("target:"),
    ...startingWith("environment:"),
    "team:read",
    "member:read",
    "organization:read",
  ],
  MEMBER: [
    "secret:read",
    "secret:write",
    "secret:history",
    "secret:restore",
    "project:read",
    "target:read",
    "environment:read",
    "team:read",
    "member:read",
    "organization:read",
  ],
  // docs/permissions.md: "every *:read". Read literally: only permissions named `…:read`. So no secret:history
  // (old versions are secrets too) and no key:retrieve (it hands out the data key of
  // server-managed projects, which is a decrypt in disguise).
  AUDITOR: PERMISSIONS.filter((p) => p.endsWith(":read")),
  BILLING_MANAGER: ["billing:read", "billing:manage", "organization:read"],
  API_USER: [
    "secret:read",
    "secret:decrypt",
    "project:read",
    "target:read",
    "environment:read",
    "organization:read",
  ],
};

const GRANT_SETS = new Map<Role, ReadonlySet<Permission>>(
  ROLES.map((role) => [role, new Set(GRANTS[role])]),
);

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isOrgWideRole(role: Role): boolean {
  return ORG_WIDE_ROLES.includes(role);
}

/** The role's permissions. Throws for a value that is not a role, so a bad row fails closed. */
export function roleGrants(role: Role): ReadonlySet<Permission> {
  const grants = GRANT_SETS.get(role);
  if (!grants) throw new TypeError(`Unknown role: ${String(role)}`);
  return grants;
}

export function roleIncludes(role: Role, permission: Permission): boolean {
  return roleGrants(role).has(permission);
}

/** role × permission → granted, for the roles page. */
export const ROLE_MATRIX: Readonly<Record<Role, Readonly<Record<Permission, boolean>>>> =
  Object.fromEntries(
    ROLES.map((role) => [
      role,
      Object.fromEntries(PERMISSIONS.map((p) => [p, roleIncludes(role, p)])),
    ]),
  ) as Record<Role, Record<Permission, boolean>>;
