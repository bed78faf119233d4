import "server-only";
import type { ResourcePath } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import type { Custody } from "@/lib/data/generated/enums";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/data/db";

// Looking up what a request names (organization → project → target → environment, or a team) and
// describing it as the ResourcePath that authorize() judges. Anything missing is a plain 404.

export interface ProjectRef {
  id: string;
  slug: string;
  name: string;
  custody: Custody;
  teamIds: string[];
}

export interface LevelRef {
  project: ProjectRef;
  target: { id: string; slug: string; name: string } | null;
  environment: { id: string; slug: string; name: string } | null;
  resource: ResourcePath;
  /** "project" | "target" | "environment": the deepest level named. */
  level: "project" | "target" | "environment";
}

export interface TeamRef {
  id: string;
  slug: string;
}

export function notFound(): AppError {
  return new AppError("not_found", "The requested resource was not found.");
}

export function projectResource(organizationId: string, project: ProjectRef): ResourcePath {
  return { organizationId, projectId: project.id, projectTeamIds: project.teamIds };
}

export async function findProject(context: Pick<ServiceContext, "organizationId">, slug: string): Promise<ProjectRef> {
  const db = await getDb();
  const project = await db.project.findUnique({
    where: { organizationId_slug: { organizationId: context.organizationId, slug } },
    select: { id: true, slug: true, name: true, custody: true, teamAccess: { select: { teamId: true } } },
  });
  if (!project) throw notFound();
  return { id: project.id, slug: project.slug, name: project.name, custody: project.custody, teamIds: project.teamAccess.map((access) => access.teamId) };
}

export async function findLevel(context: Pick<ServiceContext, "organizationId">, path: { project: string; target?: string | null; environment?: string | null }): Promise<LevelRef> {
  const db = await getDb();
  if (path.environment && !path.target) throw new AppError("validation_failed", "An environment needs its target.");
  // One query for the whole path: this runs on every secrets request.
  const row = await db.project.findUnique({
    where: { organizationId_slug: { organizationId: context.organizationId, slug: path.project } },
    select: {
      id: true, slug: true, name: true, custody: true, teamAccess: { select: { teamId: true } },
      targets: {
        where: { slug: path.target ?? "" },
        select: { id: true, slug: true, name: true, environments: { where: { slug: path.environment ?? "" }, select: { id: true, slug: true, name: true } } },
      },
    },
  });
  if (!row) throw notFound();
  const project: ProjectRef = { id: row.id, slug: row.slug, name: row.name, custody: row.custody, teamIds: row.teamAccess.map((access) => access.teamId) };
  const foundTarget = path.target ? row.targets[0] : undefined;
  if (path.target && !foundTarget) throw notFound();
  const foundEnvironment = path.environment ? foundTarget?.environments[0] : undefined;
  if (path.environment && !foundEnvironment) throw notFound();
  const target = foundTarget ? { id: foundTarget.id, slug: foundTarget.slug, name: foundTarget.name } : null;
  const environment = foundEnvironment ? { id: foundEnvironment.id, slug: foundEnvironment.slug, name: foundEnvironment.name } : null;
  const resource: ResourcePath = {
    ...projectResource(context.organizationId, project),
    ...(target ? { targetId: target.id } : {}),
    ...(environment ? { environmentId: environment.id } : {}),
  };
  return { project, target, environment, resource, level: environment ? "environment" : target ? "target" : "project" };
}

export async function findTeam(context: Pick<ServiceContext, "organizationId">, slug: string): Promise<TeamRef> {
  const db = await getDb();
  const team = await db.team.findUnique({ where: { organizationId_slug: { organizationId: context.organizationId, slug } }, select: { id: true, slug: true } });
  if (!team) throw notFound();
  return team;
}
