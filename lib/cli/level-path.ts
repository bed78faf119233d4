import { SLUG_PATTERN } from "../schemas/common";
import { usageError } from "./errors";

// `<project>[/<target>[/<environment>]]` (docs/cli.md#commands), optionally led by the organization id:
// `01ARZ3NDEKTSV4RRFFQ69G5FAV/my-app/backend/production`. Ids are uppercase ULIDs and slugs are
// lowercase, so the two can never be mistaken for each other.

const ORGANIZATION_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface LevelPath {
  organizationId?: string;
  project: string;
  target?: string;
  environment?: string;
}

export type LevelName = "project" | "target" | "environment";

export function parseLevelPath(text: string | undefined): LevelPath {
  if (!text) throw usageError("missing <project>[/<target>[/<environment>]]");
  const segments = text.replace(/^\/+|\/+$/g, "").split("/");
  const organizationId = segments[0] && ORGANIZATION_ID.test(segments[0]) ? segments.shift() : undefined;
  if (segments.length < 1 || segments.length > 3 || segments.some((segment) => !SLUG_PATTERN.test(segment))) {
    throw usageError(
      `"${text.slice(0, 200)}" is not <project>[/<target>[/<environment>]] (slugs: lowercase letters, digits and hyphens)`,
    );
  }
  const [project, target, environment] = segments as [string, string?, string?];
  return { organizationId, project, target, environment };
}

/** The level a path names: its deepest segment. */
export function levelOf(path: LevelPath): LevelName {
  return path.environment ? "environment" : path.target ? "target" : "project";
}

/** `/{project}[/{target}[/{environment}]]` below /api/v1/{organization}. */
export function levelUrlPath(path: LevelPath): string {
  return `/${[path.project, path.target, path.environment].filter(Boolean).join("/")}`;
}

export function displayPath(path: LevelPath): string {
  return [path.project, path.target, path.environment].filter(Boolean).join("/");
}

/** The level's fields as the store / retrieve bodies take them. */
export function levelBody(path: LevelPath): { project: string; target?: string; environment?: string } {
  return { project: path.project, ...(path.target ? { target: path.target } : {}), ...(path.environment ? { environment: path.environment } : {}) };
}
