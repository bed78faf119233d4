/** Permission presets of the API-key form (docs/permissions.md#permission-catalog). A preset is a set of permissions; the form
 * may still scope the scopeable ones. */
import { PERMISSIONS, type Permission, type PermissionGroup } from "./catalog";
import type { Grant } from "./scope";

/** Just enough to pull ciphertext: never writes, never server-side decryption. */
export const READ_ONLY_PRESET: readonly Permission[] = [
  "secret:read",
  "project:read",
  "target:read",
  "environment:read",
  "organization:read",
];

/**
 * What a CI job needs to pull an environment (docs/permissions.md#presets): the ciphertext and its
 * server-side decryption, both scoped to that one environment by the form. The read-only preset
 * cannot pull a server-managed project (it never decrypts), which the CI guide recommends.
 */
export const CI_PULL_PRESET: readonly Permission[] = ["secret:read", "secret:decrypt"];

/** Per-group access of the API-key form, like fine-grained tokens: none, read, or read and write. */
export type GroupAccess = "none" | "read" | "write";

/**
 * The permissions "Read" grants in a group: those that change nothing. Secrets: reading, decrypting
 * and history (key:retrieve hands out a data key and serves writes, so it is "Write").
 */
export function groupReadPermissions(group: PermissionGroup): Permission[] {
  return group.permissions.filter((permission) => permission.endsWith(":read") || permission === "secret:decrypt" || permission === "secret:history");
}

/** The permissions of `access` in `group` (Write: every permission of the group). */
export function groupAccessPermissions(group: PermissionGroup, access: GroupAccess): Permission[] {
  return access === "none" ? [] : access === "read" ? groupReadPermissions(group) : [...group.permissions];
}

/**
 * Which access level a set of chosen permissions amounts to in a group, or "custom". `held`: only
 * the permissions the key's creator holds count (a Developer's "Write" on Members is what they hold).
 */
export function groupAccessOf(group: PermissionGroup, chosen: ReadonlySet<Permission>, held: (permission: Permission) => boolean = () => true): GroupAccess | "custom" {
  const inGroup = group.permissions.filter((permission) => chosen.has(permission));
  for (const access of ["none", "read", "write"] as const) {
    const expected = groupAccessPermissions(group, access).filter(held);
    if (expected.length === inGroup.length && expected.every((permission) => chosen.has(permission))) return access;
  }
  return "custom";
}

/** Every permission, unscoped. */
export const ALLOW_ALL: readonly Permission[] = PERMISSIONS;

export function unscopedGrants(permissions: readonly Permission[]): Grant[] {
  return permissions.map((permission) => ({ permission }));
}

/** True when the grants hold every permission without a scope (shown as "Allow all"). */
export function isAllowAll(grants: readonly Grant[]): boolean {
  const unscoped = new Set(grants.filter((g) => g.scope === undefined).map((g) => g.permission));
  return ALLOW_ALL.every((permission) => unscoped.has(permission));
}
