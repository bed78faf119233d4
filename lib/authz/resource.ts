/** What a request touches, as ids along the hierarchy. Services build it from the URL or body
 * after looking the rows up; authz never looks anything up itself. */

export interface ResourcePath {
  readonly organizationId: string;
  /** Set only for a team-level resource (the team itself); never together with projectId. */
  readonly teamId?: string;
  readonly projectId?: string;
  /** Teams with access to the project. Empty or absent = unrestricted project. */
  readonly projectTeamIds?: readonly string[];
  /** Requires projectId. */
  readonly targetId?: string;
  /** Requires targetId. */
  readonly environmentId?: string;
}

export type ResourceLevel = "organization" | "team" | "project" | "target" | "environment";

/** The deepest level the path names. */
export function resourceLevel(resource: ResourcePath): ResourceLevel {
  if (resource.environmentId !== undefined) return "environment";
  if (resource.targetId !== undefined) return "target";
  if (resource.projectId !== undefined) return "project";
  if (resource.teamId !== undefined) return "team";
  return "organization";
}

/** Problems that make a path meaningless. An empty list means it is well formed. */
export function resourcePathProblems(resource: ResourcePath): string[] {
  const problems: string[] = [];
  const ids = {
    organizationId: resource.organizationId,
    teamId: resource.teamId,
    projectId: resource.projectId,
    targetId: resource.targetId,
    environmentId: resource.environmentId,
  };
  for (const [name, id] of Object.entries(ids)) {
    const required = name === "organizationId";
    if ((required || id !== undefined) && (typeof id !== "string" || id === "")) {
      problems.push(`${name} must be a non-empty string.`);
    }
  }
  if (resource.teamId !== undefined && resource.projectId !== undefined) {
    problems.push("A path names either a team or a project, not both.");
  }
  if (resource.targetId !== undefined && resource.projectId === undefined) {
    problems.push("A target needs its project.");
  }
  if (resource.environmentId !== undefined && resource.targetId === undefined) {
    problems.push("An environment needs its target.");
  }
  if (resource.projectTeamIds !== undefined && !Array.isArray(resource.projectTeamIds)) {
    problems.push("projectTeamIds must be a list of team ids.");
  }
  return problems;
}

/** Thrown by authorize() for a malformed path: that is a bug in the caller, not a request to
 * deny quietly (a quiet 404 would hide the bug; it cannot allow anything either way). */
export class InvalidResourcePathError extends TypeError {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid resource path: ${problems.join(" ")}`);
    this.name = "InvalidResourcePathError";
  }
}

export function assertResourcePath(resource: ResourcePath): void {
  const problems = resourcePathProblems(resource);
  if (problems.length > 0) throw new InvalidResourcePathError(problems);
}

/** Team-restricted project whose teams the given team list does not include. */
export function isHiddenProject(resource: ResourcePath, teamIds: readonly string[]): boolean {
  if (resource.projectId === undefined) return false;
  const projectTeams = resource.projectTeamIds ?? [];
  return projectTeams.length > 0 && !projectTeams.some((team) => teamIds.includes(team));
}
