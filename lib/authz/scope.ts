/** Scopes narrow a grant to part of the organization; this file decides what a scope covers and
 * which grants are well formed. */
import {
  isPermission,
  scopeReach,
  HIERARCHY_LEVELS,
  type Permission,
  type ScopeKind,
} from "./catalog";
import type { ResourcePath } from "./resource";

/** Ids, never slugs: a renamed project must keep its grants. */
export type Scope =
  | { readonly team: string }
  | { readonly project: string; readonly target?: string; readonly environment?: string };

export interface Grant {
  readonly permission: Permission;
  /** Absent = the whole organization. */
  readonly scope?: Scope;
}

const SCOPE_KEYS = ["team", "project", "target", "environment"] as const;

/** Problems that make a scope meaningless (grants are stored as JSON, so check at runtime). */
export function scopeProblems(scope: unknown): string[] {
  if (typeof scope !== "object" || scope === null || Array.isArray(scope)) {
    return ["A scope must be an object."];
  }
  const record = scope as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (!(SCOPE_KEYS as readonly string[]).includes(key)) problems.push(`Unknown scope key "${key}".`);
  }
  for (const key of SCOPE_KEYS) {
    const id = record[key];
    if (id !== undefined && (typeof id !== "string" || id === "")) {
      problems.push(`Scope ${key} must be a non-empty id.`);
    }
  }
  const has = (key: (typeof SCOPE_KEYS)[number]) => record[key] !== undefined;
  if (has("team")) {
    if (has("project") || has("target") || has("environment")) {
      problems.push("A team scope cannot also name a project, target or environment.");
    }
  } else if (!has("project")) {
    problems.push("A scope names a team or a project.");
  }
  if (has("target") && !has("project")) problems.push("A target scope needs its project.");
  if (has("environment") && !has("target")) problems.push("An environment scope needs its target.");
  return problems;
}

export function isWellFormedScope(scope: unknown): scope is Scope {
  return scopeProblems(scope).length === 0;
}

/** The deepest thing a well-formed scope names. */
export function scopeKind(scope: Scope): ScopeKind {
  if ("team" in scope) return "team";
  if (scope.environment !== undefined) return "environment";
  if (scope.target !== undefined) return "target";
  return "project";
}

/**
 * Does a grant with this scope apply to the resource?
 * - no scope: everything in the organization (the only way to cover organization-level resources);
 * - project / target / environment: that node and everything below it, never its ancestors or
 *   siblings;
 * - team: the team itself, and every project the team was given access to (with everything below).
 *   Unrestricted projects are NOT covered: a team key must not grow each time someone creates an
 *   open project.
 * A malformed scope covers nothing.
 */
export function scopeCovers(scope: Scope | undefined, resource: ResourcePath): boolean {
  if (scope === undefined) return true;
  if (!isWellFormedScope(scope)) return false;
  if ("team" in scope) {
    if (resource.projectId !== undefined) return (resource.projectTeamIds ?? []).includes(scope.team);
    return resource.teamId === scope.team;
  }
  if (resource.projectId !== scope.project) return false;
  if (scope.target !== undefined && resource.targetId !== scope.target) return false;
  if (scope.environment !== undefined && resource.environmentId !== scope.environment) return false;
  return true;
}

/**
 * The scope covers the resource or lies beneath it (the resource is an ancestor of the scope).
 * A key scoped to one environment must be able to name that environment's project and target,
 * but nothing beside them. Organization-level resources are handled by the caller.
 */
export function scopeTouches(scope: Scope | undefined, resource: ResourcePath): boolean {
  if (scopeCovers(scope, resource)) return true;
  if (scope === undefined || !isWellFormedScope(scope) || "team" in scope) return false;
  if (resource.projectId !== scope.project) return false;
  if (resource.targetId === undefined) return true;
  if (resource.targetId !== scope.target) return false;
  return resource.environmentId === undefined || resource.environmentId === scope.environment;
}

export type GrantProblemCode =
  | "unknown_permission"
  | "malformed_scope"
  | "not_scopeable"
  | "scope_kind_not_allowed"
  | "scope_too_deep";

export interface GrantProblem {
  readonly code: GrantProblemCode;
  readonly message: string;
}

/** Problems with one grant; an empty list means it is valid. */
export function validateGrant(grant: { permission: unknown; scope?: unknown }): GrantProblem[] {
  const { permission, scope } = grant;
  if (!isPermission(permission)) {
    return [{ code: "unknown_permission", message: `Unknown permission "${String(permission)}".` }];
  }
  if (scope === undefined) return [];
  const malformed = scopeProblems(scope);
  if (malformed.length > 0) {
    return malformed.map((message) => ({ code: "malformed_scope", message }));
  }
  const reach = scopeReach(permission);
  const kind = scopeKind(scope as Scope);
  if (reach === "none") {
    const why = permission.endsWith(":create")
      ? "there is nothing yet to scope to"
      : "it applies to the whole organization";
    return [{ code: "not_scopeable", message: `${permission} cannot be scoped: ${why}.` }];
  }
  if (kind === "team") return [];
  if (reach === "team") {
    return [{ code: "scope_kind_not_allowed", message: `${permission} can only be scoped to a team.` }];
  }
  if (HIERARCHY_LEVELS.indexOf(kind) > HIERARCHY_LEVELS.indexOf(reach)) {
    return [
      {
        code: "scope_too_deep",
        message: `${permission} can be scoped down to a ${reach} at most, not a ${kind}.`,
      },
    ];
  }
  return [];
}

export function isValidGrant(grant: { permission: unknown; scope?: unknown }): grant is Grant {
  return validateGrant(grant).length === 0;
}
