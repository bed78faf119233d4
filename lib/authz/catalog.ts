/**
 * The permission catalog (docs/permissions.md#permission-catalog). One table drives everything else: the permission list, the
 * groups of the API-key form, descriptions, and how far each permission can be scoped.
 */

/** Hierarchy levels a grant can be narrowed to, shallowest first. */
export const HIERARCHY_LEVELS = ["project", "target", "environment"] as const;
export type HierarchyLevel = (typeof HIERARCHY_LEVELS)[number];

/** The kinds of scope a grant may carry. */
export type ScopeKind = "team" | HierarchyLevel;

/**
 * How far a permission can be scoped:
 * - "none": never scoped. `*:create` (there is nothing yet to scope to) and everything that acts on
 *   an organization-wide resource (organization, members, tokens, billing, audit log).
 * - "team": only to a team, and the grant covers that team object (team:read/update/delete).
 * - a hierarchy level: to a team (covering the projects that team can access) or along the
 *   hierarchy from project down to that level.
 */
export type ScopeReach = "none" | "team" | HierarchyLevel;

/**
 * What a permission acts on. An unscoped grant only makes resources of its own area visible:
 * an unscoped `organization:read` must not reveal which projects exist (see authorize.ts).
 */
export type PermissionArea = "hierarchy" | "team" | "organization";

type Entry = readonly [permission: string, reach: ScopeReach, description: string];

// The order of groups and of permissions inside them is the order of docs/permissions.md#permission-catalog and of the form.
const CATALOG = [
  {
    id: "secrets",
    label: "Secrets",
    area: "hierarchy",
    entries: [
      ["secret:read", "environment", "Read secrets (ciphertext)"],
      ["secret:write", "environment", "Create, change and delete secrets"],
      ["secret:decrypt", "environment", "Decrypt secrets server-side"],
      ["secret:history", "environment", "View version history"],
      ["secret:restore", "environment", "Restore an earlier version"],
      ["secret:purge", "environment", "Permanently delete versions and levels"],
      // Keys belong to a project: one key serves all its targets and environments.
      ["key:retrieve", "project", "Retrieve the project's encryption key parameters"],
      ["key:rotate", "project", "Set up, rotate and change custody of encryption keys"],
    ],
  },
  {
    id: "projects",
    label: "Projects",
    area: "hierarchy",
    entries: [
      ["project:create", "none", "Create projects"],
      ["project:read", "project", "View projects"],
      ["project:update", "project", "Rename and configure projects"],
      ["project:delete", "project", "Delete projects"],
    ],
  },
  {
    id: "targets",
    label: "Targets",
    area: "hierarchy",
    entries: [
      ["target:create", "none", "Create targets"],
      ["target:read", "target", "View targets"],
      ["target:update", "target", "Rename and configure targets"],
      ["target:delete", "target", "Delete targets"],
    ],
  },
  {
    id: "environments",
    label: "Environments",
    area: "hierarchy",
    entries: [
      ["environment:create", "none", "Create environments"],
      ["environment:read", "environment", "View environments"],
      ["environment:update", "environment", "Rename and configure environments"],
      ["environment:delete", "environment", "Delete environments"],
    ],
  },
  {
    id: "teams",
    label: "Teams",
    area: "team",
    entries: [
      ["team:create", "none", "Create teams"],
      ["team:read", "team", "View teams and their members"],
      ["team:update", "team", "Change team members and project access"],
      ["team:delete", "team", "Delete teams"],
    ],
  },
  {
    id: "organizations",
    label: "Organizations",
    area: "organization",
    entries: [
      ["organization:read", "none", "View the organization"],
      ["organization:update", "none", "Change organization settings"],
      ["organization:delete", "none", "Delete the organization"],
    ],
  },
  {
    id: "members",
    label: "Members",
    area: "organization",
    entries: [
      ["member:create", "none", "Invite members"],
      ["member:read", "none", "View members"],
      ["member:update", "none", "Change members' roles"],
      ["member:delete", "none", "Remove members"],
    ],
  },
  {
    id: "tokens",
    label: "API Tokens",
    area: "organization",
    entries: [["token:manage", "none", "Create, change, rotate and revoke API keys"]],
  },
  {
    id: "billing",
    label: "Billing",
    area: "organization",
    entries: [
      ["billing:read", "none", "View billing"],
      ["billing:manage", "none", "Manage billing"],
    ],
  },
  {
    id: "audit",
    label: "Audit log",
    area: "organization",
    entries: [["audit:read", "none", "Read the audit log"]],
  },
] as const satisfies readonly {
  id: string;
  label: string;
  area: PermissionArea;
  entries: readonly Entry[];
}[];

type CatalogGroup = (typeof CATALOG)[number];

/** Every permission string, in catalog order. */
export const PERMISSIONS = CATALOG.flatMap((group) =>
  group.entries.map(([permission]) => permission),
) as unknown as readonly CatalogGroup["entries"][number][0][];

export type Permission = (typeof PERMISSIONS)[number];

export type PermissionGroupId = CatalogGroup["id"];

export interface PermissionGroup {
  readonly id: PermissionGroupId;
  readonly label: string;
  readonly area: PermissionArea;
  readonly permissions: readonly Permission[];
}

export const PERMISSION_GROUPS: readonly PermissionGroup[] = CATALOG.map((group) => ({
  id: group.id,
  label: group.label,
  area: group.area,
  permissions: group.entries.map(([permission]) => permission),
}));

interface PermissionInfo {
  readonly group: PermissionGroupId;
  readonly area: PermissionArea;
  readonly reach: ScopeReach;
  readonly description: string;
}

const INFO = new Map<string, PermissionInfo>(
  CATALOG.flatMap((group) =>
    group.entries.map(
      ([permission, reach, description]) =>
        [permission, { group: group.id, area: group.area, reach, description }] as const,
    ),
  ),
);

function info(permission: Permission): PermissionInfo {
  const found = INFO.get(permission);
  if (!found) throw new TypeError(`Unknown permission: ${String(permission)}`);
  return found;
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && INFO.has(value);
}

/** Short human description for forms and the roles page. */
export function describePermission(permission: Permission): string {
  return info(permission).description;
}

export function permissionArea(permission: Permission): PermissionArea {
  return info(permission).area;
}

export function permissionGroup(permission: Permission): PermissionGroupId {
  return info(permission).group;
}

/** How far the permission may be scoped (see ScopeReach). */
export function scopeReach(permission: Permission): ScopeReach {
  return info(permission).reach;
}

export function isScopeable(permission: Permission): boolean {
  return scopeReach(permission) !== "none";
}

/** The deepest hierarchy level the permission can be scoped to, or null if it has none. */
export function deepestScopeLevel(permission: Permission): HierarchyLevel | null {
  const reach = scopeReach(permission);
  return reach === "none" || reach === "team" ? null : reach;
}

/** The scope kinds a form should offer for this permission. */
export function allowedScopeKinds(permission: Permission): readonly ScopeKind[] {
  const reach = scopeReach(permission);
  if (reach === "none") return [];
  if (reach === "team") return ["team"];
  return ["team", ...HIERARCHY_LEVELS.slice(0, HIERARCHY_LEVELS.indexOf(reach) + 1)];
}
