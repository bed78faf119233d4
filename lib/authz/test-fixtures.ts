/** A small organization shared by the authz tests (not part of the public API).
 *
 * org
 * ├── team-a, team-b
 * ├── p1 (unrestricted)  ── t1 ── e1, e2
 * │                      └─ t2 ── e3
 * ├── p2 (team-a only)   ── t9 ── e9
 * └── p3 (team-a, team-b)
 * other-org ── px (unrestricted)
 */
import type { Principal, TokenPrincipal, UserPrincipal } from "./principal";
import type { ResourcePath } from "./resource";
import type { Role } from "./roles";
import type { Grant, Scope } from "./scope";

export const ORG = "org";
export const OTHER_ORG = "other-org";

const P2_TEAMS = ["team-a"];
const P3_TEAMS = ["team-a", "team-b"];

export const RESOURCES = {
  org: { organizationId: ORG },
  teamA: { organizationId: ORG, teamId: "team-a" },
  teamB: { organizationId: ORG, teamId: "team-b" },
  p1: { organizationId: ORG, projectId: "p1", projectTeamIds: [] },
  p1t1: { organizationId: ORG, projectId: "p1", targetId: "t1" },
  p1t1e1: { organizationId: ORG, projectId: "p1", targetId: "t1", environmentId: "e1" },
  p1t1e2: { organizationId: ORG, projectId: "p1", targetId: "t1", environmentId: "e2" },
  p1t2: { organizationId: ORG, projectId: "p1", targetId: "t2" },
  p1t2e3: { organizationId: ORG, projectId: "p1", targetId: "t2", environmentId: "e3" },
  p2: { organizationId: ORG, projectId: "p2", projectTeamIds: P2_TEAMS },
  p2t9e9: {
    organizationId: ORG,
    projectId: "p2",
    projectTeamIds: P2_TEAMS,
    targetId: "t9",
    environmentId: "e9",
  },
  p3: { organizationId: ORG, projectId: "p3", projectTeamIds: P3_TEAMS },
  otherOrgProject: { organizationId: OTHER_ORG, projectId: "px", projectTeamIds: [] },
} satisfies Record<string, ResourcePath>;

export type ResourceName = keyof typeof RESOURCES;
export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

export const SCOPES = {
  p1: { project: "p1" },
  p1t1: { project: "p1", target: "t1" },
  p1t1e1: { project: "p1", target: "t1", environment: "e1" },
  p2: { project: "p2" },
  teamA: { team: "team-a" },
  teamB: { team: "team-b" },
} satisfies Record<string, Scope>;

/** What lib/services would do: look the scope's ids up in this organization. */
export function resolveScope(scope: Scope): ResourcePath | null {
  const all = Object.values(RESOURCES) as ResourcePath[];
  const found = all.find((r) =>
    "team" in scope
      ? r.teamId === scope.team && r.projectId === undefined
      : r.projectId === scope.project &&
        r.targetId === scope.target &&
        r.environmentId === scope.environment,
  );
  if (!found) return null;
  if (found.projectId === undefined) return found;
  const teams = found.projectId === "p2" ? P2_TEAMS : found.projectId === "p3" ? P3_TEAMS : [];
  return { ...found, projectTeamIds: teams };
}

export function user(role: Role, teamIds: string[] = [], organizationId = ORG): UserPrincipal {
  return { kind: "user", userId: `user-${role.toLowerCase()}`, organizationId, role, teamIds };
}

export function token(grants: Grant[], organizationId = ORG): TokenPrincipal {
  return { kind: "token", tokenId: "tok", organizationId, grants };
}

export const ANON: Principal = { kind: "anonymous" };
