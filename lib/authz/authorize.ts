/**
 * THE authorization function: every API route, server action, page and the API Explorer asks
 * authorize(principal, permission, resource) and does nothing else of its own.
 */
import { isPermission, type Permission } from "./catalog";
import type { Principal } from "./principal";
import { assertResourcePath, resourceLevel, type ResourcePath } from "./resource";
import { ROLE_LABELS, roleIncludes } from "./roles";
import { scopeCovers } from "./scope";
import { canSee, effectiveGrants } from "./visibility";

export type DenyReason =
  | "unauthenticated"
  | "other_organization"
  | "not_visible"
  | "missing_permission"
  | "out_of_scope";

export type Decision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly reason: DenyReason;
      readonly status: 401 | 403 | 404;
      readonly message: string;
    };

/** Status and API error code (docs/api.md#conventions) per reason. Both 404 reasons answer exactly like a
 * resource that does not exist, so nobody learns what another organization or team holds. */
export const DENY_REASONS = {
  unauthenticated: { status: 401, error: "unauthenticated" },
  other_organization: { status: 404, error: "not_found" },
  not_visible: { status: 404, error: "not_found" },
  missing_permission: { status: 403, error: "insufficient_permissions" },
  out_of_scope: { status: 403, error: "insufficient_permissions" },
} as const satisfies Record<DenyReason, { status: 401 | 403 | 404; error: string }>;

/** Also what the data layer should say for a row that really does not exist. */
export const NOT_FOUND_MESSAGE = "The requested resource was not found.";
const UNAUTHENTICATED_MESSAGE = "Authentication required: sign in or send a valid API key.";

const ALLOW: Decision = { allowed: true };

function deny(reason: DenyReason, message: string): Decision {
  return { allowed: false, reason, status: DENY_REASONS[reason].status, message };
}

/**
 * Order matters: authentication, then organization, then visibility, then permission. Checking
 * visibility before permission means a principal that may not even see a resource gets a 404
 * whatever it asked for, never a 403 that would confirm the resource exists.
 */
export function authorize(principal: Principal, permission: Permission, resource: ResourcePath): Decision {
  assertResourcePath(resource);
  if (!isPermission(permission)) throw new TypeError(`Unknown permission: ${String(permission)}`);
  if (principal.kind === "anonymous") return deny("unauthenticated", UNAUTHENTICATED_MESSAGE);
  if (resource.organizationId !== principal.organizationId) {
    return deny("other_organization", NOT_FOUND_MESSAGE);
  }
  if (!canSee(principal, resource)) return deny("not_visible", NOT_FOUND_MESSAGE);

  if (principal.kind === "user") {
    if (roleIncludes(principal.role, permission)) return ALLOW;
    const role = ROLE_LABELS[principal.role];
    return deny("missing_permission", `Your role (${role}) does not include ${permission}.`);
  }

  const held = effectiveGrants(principal).filter((g) => g.permission === permission);
  if (held.some((g) => scopeCovers(g.scope, resource))) return ALLOW;
  if (held.length === 0) return deny("missing_permission", `This key lacks ${permission}.`);
  return deny("out_of_scope", `This key lacks ${permission} for this ${resourceLevel(resource)}.`);
}

/**
 * For list endpoints: may the principal list things needing `permission` here (the organization,
 * given by id or as a path, or a node whose children are listed)? If so, list and keep the items for
 * which authorize() allows (or query with visibleProjectsFilter); an empty result is an empty list,
 * not an error. If it holds the permission nowhere here, say so with a 403 instead of a silently
 * empty list.
 */
export function authorizeListing(principal: Principal, permission: Permission, where: string | ResourcePath): Decision {
  const decision = authorize(principal, permission, typeof where === "string" ? { organizationId: where } : where);
  if (decision.allowed || decision.reason !== "out_of_scope") return decision;
  return ALLOW; // held with a scope: the list shows what the scopes cover
}
