/**
 * "A token can never grant more than its creator holds" (docs/api.md#management). Checked when a token is
 * created or edited, against what the creator holds at that moment.
 */
import { permissionArea } from "./catalog";
import type { Principal } from "./principal";
import { resourcePathProblems, type ResourcePath } from "./resource";
import { ROLE_LABELS, isOrgWideRole, roleIncludes } from "./roles";
import { scopeCovers, validateGrant, type Grant, type Scope } from "./scope";
import { canSee, effectiveGrants } from "./visibility";

/**
 * Looks a scope's ids up and returns the path it denotes (with projectTeamIds for project
 * scopes), or null when they name nothing. The only way containment learns about the hierarchy.
 */
export type ScopeResolver = (scope: Scope) => ResourcePath | null;

export type ExcessReason =
  | "unauthenticated"
  | "invalid_grant"
  | "unknown_scope"
  | "missing_permission"
  | "unscoped_not_allowed"
  | "scope_not_visible"
  | "scope_too_wide";

export type Containment =
  | { readonly within: true }
  | { readonly within: false; readonly reason: ExcessReason; readonly message: string };

export interface GrantExcess {
  readonly index: number;
  readonly grant: Grant;
  readonly reason: ExcessReason;
  readonly message: string;
}

const WITHIN: Containment = { within: true };

function exceeds(reason: ExcessReason, message: string): Containment {
  return { within: false, reason, message };
}

// An invisible scope gets the same answer as a made-up id, so it reveals nothing.
const UNKNOWN_SCOPE = "The scope names no team, project, target or environment you can see.";

/** The resolver must return the very node the scope names, in the holder's organization. */
function resolvedMatches(scope: Scope, path: ResourcePath): boolean {
  if (resourcePathProblems(path).length > 0) return false;
  if ("team" in scope) return path.teamId === scope.team && path.projectId === undefined;
  return (
    path.projectId === scope.project &&
    path.targetId === scope.target &&
    path.environmentId === scope.environment
  );
}

export function grantWithin(holder: Principal, requested: Grant, resolve: ScopeResolver): Containment {
  if (holder.kind === "anonymous") return exceeds("unauthenticated", "Sign in to create API keys.");
  const problems = validateGrant(requested);
  if (problems.length > 0) return exceeds("invalid_grant", problems.map((p) => p.message).join(" "));
  const { permission, scope } = requested;

  let path: ResourcePath | undefined;
  if (scope !== undefined) {
    const resolved = resolve(scope);
    if (resolved === null || resolved.organizationId !== holder.organizationId) {
      return exceeds("unknown_scope", UNKNOWN_SCOPE);
    }
    if (!resolvedMatches(scope, resolved) || !canSee(holder, resolved)) {
      return exceeds("unknown_scope", UNKNOWN_SCOPE);
    }
    path = resolved;
  }

  if (holder.kind === "user") {
    if (!roleIncludes(holder.role, permission)) {
      const role = ROLE_LABELS[holder.role];
      return exceeds("missing_permission", `Your role (${role}) does not include ${permission}.`);
    }
    // Org-wide roles see every project, so any scope (or none) is within what they hold.
    if (isOrgWideRole(holder.role) || permissionArea(permission) !== "hierarchy") return WITHIN;
    // Team-restricted roles: an unscoped hierarchy grant would reach projects of teams they are
    // not in (today's and tomorrow's), so it must be scoped.
    if (scope === undefined) {
      return exceeds(
        "unscoped_not_allowed",
        `Your role sees only some projects: scope ${permission} to a project or one of your teams.`,
      );
    }
    if ("team" in scope && !holder.teamIds.includes(scope.team)) {
      return exceeds("scope_not_visible", `Scope ${permission} to a team you belong to.`);
    }
    return WITHIN; // a project scope: canSee above already required the project to be visible
  }

  const held = effectiveGrants(holder).filter((g) => g.permission === permission);
  if (held.length === 0) return exceeds("missing_permission", `This key lacks ${permission}.`);
  const covered =
    path === undefined
      ? held.some((g) => g.scope === undefined)
      : held.some((g) => scopeCovers(g.scope, path));
  if (covered) return WITHIN;
  return exceeds("scope_too_wide", `This key holds ${permission} only for a narrower scope.`);
}

/** The requested grants that exceed what the holder holds; empty = the token may be created. */
export function grantsWithin(
  holder: Principal,
  requested: readonly Grant[],
  resolve: ScopeResolver,
): GrantExcess[] {
  return requested.flatMap((grant, index) => {
    const result = grantWithin(holder, grant, resolve);
    return result.within ? [] : [{ index, grant, reason: result.reason, message: result.message }];
  });
}
