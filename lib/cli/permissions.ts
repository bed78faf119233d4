import type { LevelPath } from "./level-path";

// Reading GET …/whoami: which permissions the API key holds, and whether a grant's scope covers a
// level. The server decides every request; this only picks the right request (server-side decrypt
// or local decryption) and lets push refuse early with a clear message.

export interface GrantView {
  permission: string;
  scope?: { team?: string | null; project?: string | null; target?: string | null; environment?: string | null };
}

export interface Whoami {
  type: "token" | "user";
  id: string;
  name: string;
  organization_id: string;
  permissions: GrantView[];
  expires_at?: string | null;
  created_at?: string;
  role_label?: string;
}

/**
 * Does any grant of `permission` cover the level? A grant scoped to a project covers its targets and
 * environments (docs/permissions.md#permission-catalog). A team scope depends on the team's project access, which only the server
 * knows, so it counts as "maybe" (true) and the server has the last word.
 */
export function permissionCovers(grants: readonly GrantView[], permission: string, path: LevelPath): boolean {
  return grants.some((grant) => {
    if (grant.permission !== permission) return false;
    const scope = grant.scope;
    if (!scope) return true;
    if ("team" in scope) return true;
    if (scope.project !== path.project) return false;
    if (scope.target !== undefined && scope.target !== path.target) return false;
    if (scope.environment !== undefined && scope.environment !== path.environment) return false;
    return true;
  });
}
