// A level of the hierarchy as the dashboard names it, and every URL that belongs to one: the
// dashboard pages (editor, history, effective values) and the API paths. Slugs only, never ids.

export interface LevelPath {
  project: string;
  target?: string;
  environment?: string;
}

export type LevelKind = "project" | "target" | "environment";

export function levelKind(path: LevelPath): LevelKind {
  return path.environment ? "environment" : path.target ? "target" : "project";
}

/** "my-app", "my-app/backend", "my-app/backend/production" (as the CLI writes it). */
export function levelLabel(path: LevelPath): string {
  return [path.project, path.target, path.environment].filter(Boolean).join("/");
}

function below(path: LevelPath): string[] {
  return [path.target, path.environment].filter((slug): slug is string => Boolean(slug));
}

const encode = (segments: string[]) => segments.map(encodeURIComponent).join("/");

/** Dashboard pages of a level. The effective (inheritance) view exists for environments only. */
/** The tabs of a level's pages. */
export type LevelTab = "secrets" | "effective" | "history";

export const levelPages = {
  secrets: (path: LevelPath) => `/dashboard/projects/${encode([path.project, "secrets", ...below(path)])}`,
  history: (path: LevelPath) => `/dashboard/projects/${encode([path.project, "history", ...below(path)])}`,
  effective: (path: LevelPath & { target: string; environment: string }) =>
    `/dashboard/projects/${encode([path.project, "effective", path.target, path.environment])}`,
  project: (project: string) => `/dashboard/projects/${encodeURIComponent(project)}`,
  keys: (project: string) => `/dashboard/projects/${encodeURIComponent(project)}/keys`,
  compare: (project: string) => `/dashboard/projects/${encodeURIComponent(project)}/compare`,
  /** The level's editor opened at one name (its search set to it; a missing name is offered to add). */
  secretsAt: (path: LevelPath, name: string) => `/dashboard/projects/${encode([path.project, "secrets", ...below(path)])}?name=${encodeURIComponent(name)}`,
};

/** `/api/v1/{org}/{project}[/{target}[/{environment}]]/secrets[/…rest]`. */
export function levelApiPath(organizationId: string, path: LevelPath, ...rest: (string | number)[]): string {
  return `/api/v1/${encode([organizationId, path.project, ...below(path), "secrets", ...rest.map(String)])}`;
}

/** The body fields that name a level in POST secrets/store, retrieve and delete. */
export function levelBody(path: LevelPath): { project: string; target?: string; environment?: string } {
  return { project: path.project, ...(path.target ? { target: path.target } : {}), ...(path.environment ? { environment: path.environment } : {}) };
}
