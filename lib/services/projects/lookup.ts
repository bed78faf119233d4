import "server-only";
import type { ResourcePath } from "@/lib/authz";
import type { OrgContext } from "@/lib/api/context";
import type { Custody } from "@/lib/data/generated/enums";
import { AppError } from "@/lib/errors";

// Looking up the hierarchy named in a request (organization → project → target → environment) and
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
  target: { id: string; slug: string } | null;
  environment: { id: string; slug: string } | null;
  resource: ResourcePath;
  /** "project" | "target" | "environment": the deepest level named. */
  level: "project" | "target" | "environment";
}

export function notFound(): AppError {
  return new AppError("not_found", "The requested resource was not found.");
}

export function projectResource(organizationId: string, project: ProjectRef): ResourcePath {
  return { organizationId, projectId: project.id, projectTeamIds: project.teamIds };
}

export async function findProject(context: OrgContext, slug: string): Promise<ProjectRef> {
  const project = await context.db.project.findUnique({
    where: { organizationId_slug: { organizationId: context.organizationId, slug } },
    select: { id: true, slug: true, name: true, custody: true, teamAccess: { select: { teamId: true } } },
  });
  if (!project) throw notFound();
  return { id: project.id, slug: project.slug, name: project.name, custody: project.custody, teamIds: project.teamAccess.map((access) => access.teamId) };
}

export async function findLevel(context: OrgContext, path: { project: string; target?: string | null; environment?: string | null }): Promise<LevelRef> {
  if (path.environment && !path.target) throw new AppError("validation_failed", "An environment needs its target.");
  // One query for the whole path: this runs on every secrets request.
  const row = await context.db.project.findUnique({
    where: { organizationId_slug: { organizationId: context.organizationId, slug: path.project } },
    select: {
      id: true, slug: true, name: true, custody: true, teamAccess: { select: { teamId: true } },
      targets: {
        where: { slug: path.target ?? "" },
        select: { id: true, slug: true, environments: { where: { slug: path.environment ?? "" }, select: { id: true, slug: true } } },
      },
    },
  });
  if (!row) throw notFound();
  const project: ProjectRef = { id: row.id, slug: row.slug, name: row.name, custody: row.custody, teamIds: row.teamAccess.map((access) => access.teamId) };
  const foundTarget = path.target ? row.targets[0] : undefined;
  if (path.target && !foundTarget) throw notFound();
  const foundEnvironment = path.environment ? foundTarget?.environments[0] : undefined;
  if (path.environment && !foundEnvironment) throw notFound();
  const target = foundTarget ? { id: foundTarget.id, slug: foundTarget.slug } : null;
  const environment = foundEnvironment ? { id: foundEnvironment.id, slug: foundEnvironment.slug } : null;
  const resource: ResourcePath = {
    ...projectResource(context.organizationId, project),
    ...(target ? { targetId: target.id } : {}),
    ...(environment ? { environmentId: environment.id } : {}),
  };
  return { project, target, environment, resource, level: environment ? "environment" : target ? "target" : "project" };
}
