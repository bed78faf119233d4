import "server-only";
import type { Db, Tx } from "@/lib/data/client";
import { AppError } from "@/lib/errors";

// Every level of a project (the project, its targets, their environments) by owner id, so key
// changes can name levels the way requests do ({target?, environment?}) and messages can name
// them the way people do ("backend/production"). Slugs only: nothing here is secret.

export interface ProjectLevel {
  ownerId: string;
  target: string | null;
  environment: string | null;
}

export const levelLabel = (level: Pick<ProjectLevel, "target" | "environment">) =>
  level.environment ? `${level.target}/${level.environment}` : level.target ?? "the project level";

export interface ProjectLevels {
  byOwner: Map<string, ProjectLevel>;
  /** The level a request names; 422 naming `where` when the project has no such level. */
  find(named: { target?: string | null; environment?: string | null }, where: string): ProjectLevel;
}

export async function projectLevels(db: Db | Tx, projectId: string): Promise<ProjectLevels> {
  const targets = await db.target.findMany({
    where: { projectId }, select: { id: true, slug: true, environments: { select: { id: true, slug: true } } },
  });
  const all: ProjectLevel[] = [{ ownerId: projectId, target: null, environment: null }];
  for (const target of targets) {
    all.push({ ownerId: target.id, target: target.slug, environment: null });
    for (const environment of target.environments) all.push({ ownerId: environment.id, target: target.slug, environment: environment.slug });
  }
  const byPath = new Map(all.map((level) => [`${level.target ?? ""}/${level.environment ?? ""}`, level]));
  return {
    byOwner: new Map(all.map((level) => [level.ownerId, level])),
    find(named, where) {
      if (named.environment && !named.target) throw new AppError("validation_failed", `${where}: an environment needs its target.`, { details: [{ path: where, message: "environment without target" }] });
      const level = byPath.get(`${named.target ?? ""}/${named.environment ?? ""}`);
      if (!level) {
        const label = levelLabel({ target: named.target ?? null, environment: named.environment ?? null });
        throw new AppError("validation_failed", `${where}: this project has no level ${label}.`, { details: [{ path: where, message: `no level ${label}` }] });
      }
      return level;
    },
  };
}
