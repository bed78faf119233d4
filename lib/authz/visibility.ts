/**
 * Visibility: may the principal learn that a resource exists? A denial on a visible resource is a
 * 403; on an invisible one it is a 404, indistinguishable from a resource that does not exist.
 * The same rule doubles as a list filter ("authorization as a query filter").
 */
import { permissionArea } from "./catalog";
import type { Principal } from "./principal";
import { assertResourcePath, isHiddenProject, resourceLevel, type ResourcePath } from "./resource";
import { isOrgWideRole, roleGrants } from "./roles";
import { isValidGrant, scopeCovers, scopeTouches, type Grant } from "./scope";

/**
 * The grants the principal acts with. A user's role becomes unscoped grants (project visibility
 * still applies on top, see canSee). A token's invalid grants (bad JSON, a scoped `*:create`, …)
 * are dropped: they never add access.
 */
export function effectiveGrants(principal: Principal): Grant[] {
  switch (principal.kind) {
    case "anonymous":
      return [];
    case "user":
      return [...roleGrants(principal.role)].map((permission) => ({ permission }));
    case "token":
      return principal.grants.filter((grant) => isValidGrant(grant));
  }
}

/**
 * Users: the organization and its teams are visible to every member; projects too, except a
 * team-restricted project for a non-org-wide role outside its teams.
 * Tokens: the organization is visible. A team is visible through an unscoped team permission or a
 * grant scoped to that team. A project, target or environment is visible through an unscoped
 * hierarchy permission (secret/key/project/target/environment) or a hierarchy grant whose scope
 * covers it or lies beneath it. Unscoped organization-wide permissions (organization:read in the
 * read-only preset, token:manage, …) reveal no project: otherwise every scoped key would leak the
 * project list, because those permissions cannot be scoped.
 */
export function canSee(principal: Principal, resource: ResourcePath): boolean {
  assertResourcePath(resource);
  if (principal.kind === "anonymous") return false;
  if (resource.organizationId !== principal.organizationId) return false;
  const level = resourceLevel(resource);
  if (principal.kind === "user") {
    return isOrgWideRole(principal.role) || !isHiddenProject(resource, principal.teamIds);
  }
  if (level === "organization") return true;
  const grants = effectiveGrants(principal);
  if (level === "team") {
    return grants.some((g) =>
      g.scope === undefined ? permissionArea(g.permission) === "team" : scopeCovers(g.scope, resource),
    );
  }
  return grants.some(
    (g) => permissionArea(g.permission) === "hierarchy" && scopeTouches(g.scope, resource),
  );
}

/**
 * Which projects of the principal's organization are visible, in a shape a repository can turn
 * into a WHERE clause. A project matches "some" when its id is in projectIds, or one of its teams
 * is in teamIds, or it has no team restriction and `unrestricted` is true.
 */
export type ProjectFilter =
  | { readonly kind: "all" }
  | { readonly kind: "none" }
  | {
      readonly kind: "some";
      readonly projectIds: readonly string[];
      readonly teamIds: readonly string[];
      readonly unrestricted: boolean;
    };

export function visibleProjectsFilter(principal: Principal): ProjectFilter {
  if (principal.kind === "anonymous") return { kind: "none" };
  if (principal.kind === "user") {
    if (isOrgWideRole(principal.role)) return { kind: "all" };
    return { kind: "some", projectIds: [], teamIds: [...principal.teamIds], unrestricted: true };
  }
  const hierarchy = effectiveGrants(principal).filter((g) => permissionArea(g.permission) === "hierarchy");
  if (hierarchy.some((g) => g.scope === undefined)) return { kind: "all" };
  const projectIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const { scope } of hierarchy) {
    if (scope === undefined) continue;
    if ("team" in scope) teamIds.add(scope.team);
    else projectIds.add(scope.project);
  }
  if (projectIds.size === 0 && teamIds.size === 0) return { kind: "none" };
  return { kind: "some", projectIds: [...projectIds], teamIds: [...teamIds], unrestricted: false };
}

/** The filter applied in memory (for lists that are already loaded, and for tests). */
export function matchesProjectFilter(
  filter: ProjectFilter,
  project: { readonly id: string; readonly teamIds: readonly string[] },
): boolean {
  if (filter.kind !== "some") return filter.kind === "all";
  if (filter.projectIds.includes(project.id)) return true;
  if (project.teamIds.some((team) => filter.teamIds.includes(team))) return true;
  return filter.unrestricted && project.teamIds.length === 0;
}
