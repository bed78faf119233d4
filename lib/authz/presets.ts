/** Permission presets of the API-key form (docs/permissions.md#permission-catalog). A preset is a set of permissions; the form
 * may still scope the scopeable ones. */
import { PERMISSIONS, type Permission } from "./catalog";
import type { Grant } from "./scope";

/** Just enough to pull ciphertext: never writes, never server-side decryption. */
export const READ_ONLY_PRESET: readonly Permission[] = [
  "secret:read",
  "project:read",
  "target:read",
  "environment:read",
  "organization:read",
];

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
