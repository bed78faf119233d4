import "server-only";
import { newId } from "@/lib/data/ids";
import { canSee, type ResourcePath } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import { isUniqueViolation } from "@/lib/data/errors";
import { AppError } from "@/lib/errors";
import type { CreateTeamInput, UpdateTeamInput } from "@/lib/schemas/teams";
import { auditChange, auditRead, isAllowed, requirePermission } from "../access/guard";
import { notFound, type TeamRef } from "../access/lookup";
import { pageArgs, pageOf } from "../shared/pagination";
import { getDb } from "@/lib/data/db";
import { check, plan } from "../access/plan";

// Teams (docs/permissions.md#permission-catalog, docs/api.md#management). Giving a team a project restricts that project to the teams that have it
// (for roles that are not organization-wide), and taking the last team away opens it to every
// member again. Either way the project's visibility changes, so naming a project here also needs
// `project:update` on it. Members must already belong to the organization.

const TEAM_SELECT = {
  id: true, slug: true, name: true, createdAt: true, updatedAt: true,
  members: { select: { user: { select: { id: true, email: true, name: true } } } },
  projects: { select: { project: { select: { id: true, slug: true, teamAccess: { select: { teamId: true } } } } } },
} as const;

interface TeamRow {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  members: { user: { id: string; email: string; name: string } }[];
  projects: { project: ProjectRow }[];
}

interface ProjectRow {
  id: string;
  slug: string;
  teamAccess: { teamId: string }[];
}

const projectPath = (context: ServiceContext, project: ProjectRow): ResourcePath => ({
  organizationId: context.organizationId, projectId: project.id, projectTeamIds: project.teamAccess.map((access) => access.teamId),
});

/** Projects the caller may not see are left out, so reading a team reveals none of them. */
function teamView(context: ServiceContext, row: TeamRow) {
  return {
    id: row.id, slug: row.slug, name: row.name,
    members: row.members.map((member) => member.user).sort((a, b) => a.email.localeCompare(b.email)),
    projects: row.projects.filter(({ project }) => canSee(context.principal, projectPath(context, project))).map(({ project }) => project.slug).sort(),
    created_at: row.createdAt, updated_at: row.updatedAt,
  };
}

const unknownInput = (message: string, paths: string[]) =>
  new AppError("validation_failed", message, { details: paths.map((path) => ({ path, message })) });

/** Emails or user ids → users, who must be members of this organization (422 naming the others). */
async function resolveMembers(context: ServiceContext, refs: readonly string[]): Promise<string[]> {
  const db = await getDb();
  const emails = refs.filter((ref) => ref.includes("@")).map((ref) => ref.toLowerCase());
  const ids = refs.filter((ref) => !ref.includes("@"));
  const found = await db.membership.findMany({
    where: { organizationId: context.organizationId, user: { OR: [{ email: { in: emails } }, { id: { in: ids } }] } },
    select: { user: { select: { id: true, email: true } } },
  });
  const userIdOf = (ref: string) => found.find(({ user }) => user.id === ref || user.email === ref.toLowerCase())?.user.id;
  const unknown = refs.flatMap((ref, index) => (userIdOf(ref) ? [] : [`members.${index}`]));
  if (unknown.length > 0) throw unknownInput("Unknown member: every team member must be a member of this organization.", unknown);
  return [...new Set(refs.map((ref) => userIdOf(ref)!))];
}

/** Slugs → projects the caller can see (422 for the others, whether missing or hidden). */
async function resolveProjects(context: ServiceContext, slugs: readonly string[]): Promise<ProjectRow[]> {
  const db = await getDb();
  const found = await db.project.findMany({
    where: { organizationId: context.organizationId, slug: { in: [...slugs] } }, select: TEAM_SELECT.projects.select.project.select,
  });
  const visible = found.filter((project) => canSee(context.principal, projectPath(context, project)));
  const unknown = slugs.flatMap((slug, index) => (visible.some((project) => project.slug === slug) ? [] : [`projects.${index}`]));
  if (unknown.length > 0) throw unknownInput("Unknown project: no project with that slug that you can see.", unknown);
  return visible;
}

async function requireProjectUpdate(context: ServiceContext, projects: readonly ProjectRow[], action: string): Promise<void> {
  for (const project of projects) await requirePermission(context, "project:update", projectPath(context, project), action);
}

async function loadTeam(team: { id: string }): Promise<TeamRow> {
  const db = await getDb();
  const row = await db.team.findUnique({ where: { id: team.id }, select: TEAM_SELECT });
  if (!row) throw notFound();
  return row;
}

export const listTeamsPlan = () => plan("team.list", [check("team:read", "organization", { listing: true })]);
export const createTeamPlan = () => plan("team.create", [check("team:create")]);
/** Reading, changing or deleting a team: that permission on the team named. */
export const teamPlan = (verb: "read" | "update" | "delete", team: string) => plan(`team.${verb}`, [check(`team:${verb}`, "team")], { team });

const teamPath = (context: ServiceContext, team: { id: string }): ResourcePath => ({ organizationId: context.organizationId, teamId: team.id });

function duplicateSlug(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("already_exists", "A team with that slug already exists.");
  throw error;
}

export async function listTeams(context: ServiceContext, query: { cursor?: string; limit?: number }) {
  const db = await getDb();
  // Held only for some teams (a key scoped to a team): list those.
  const rows = await db.team.findMany({ where: { organizationId: context.organizationId }, select: TEAM_SELECT, orderBy: { id: "asc" }, ...pageArgs(query) });
  const page = pageOf(rows, query);
  const readable = page.items.filter((row) => isAllowed(context, "team:read", teamPath(context, row)));
  await auditRead(context, "team.list", { count: readable.length });
  return { data: readable.map((row) => teamView(context, row)), meta: { next_cursor: page.next_cursor } };
}

export async function getTeam(context: ServiceContext, team: TeamRef) {
  const row = await loadTeam(team);
  await auditRead(context, "team.read", { slug: row.slug });
  return teamView(context, row);
}

export async function createTeam(context: ServiceContext, input: CreateTeamInput) {
  const db = await getDb();
  const userIds = input.members ? await resolveMembers(context, input.members) : [];
  const projects = input.projects ? await resolveProjects(context, input.projects) : [];
  await requireProjectUpdate(context, projects, "team.create");
  const created = await db
    .$transaction(async (tx) => {
      const team = await tx.team.create({
        data: {
          id: newId(), organizationId: context.organizationId, slug: input.slug, name: input.name ?? input.slug,
          members: { create: userIds.map((userId) => ({ userId })) }, projects: { create: projects.map((project) => ({ projectId: project.id })) },
        },
        select: TEAM_SELECT,
      });
      await auditChange(tx, context, "team.create", 201, { slug: team.slug, members: userIds.length, projects: projects.map((project) => project.slug) });
      return team;
    })
    .catch(duplicateSlug);
  return teamView(context, created);
}

export async function updateTeam(context: ServiceContext, team: TeamRef, input: UpdateTeamInput) {
  const db = await getDb();
  const row = await loadTeam(team);
  const userIds = input.members ? await resolveMembers(context, input.members) : null;
  const projects = input.projects ? await resolveProjects(context, input.projects) : null;
  const before = row.projects.map(({ project }) => project);
  const removed = projects ? before.filter((project) => !projects.some((next) => next.id === project.id)) : [];
  const added = projects ? projects.filter((project) => !before.some((current) => current.id === project.id)) : [];
  await requireProjectUpdate(context, [...added, ...removed], "team.update");
  await db
    .$transaction(async (tx) => {
      await tx.team.update({ where: { id: row.id }, data: { slug: input.slug, name: input.name, updatedAt: new Date() }, select: { id: true } });
      if (userIds) {
        await tx.teamMember.deleteMany({ where: { teamId: row.id, userId: { notIn: userIds } } });
        await tx.teamMember.createMany({ data: userIds.map((userId) => ({ teamId: row.id, userId })), skipDuplicates: true });
      }
      if (projects) {
        await tx.teamProjectAccess.deleteMany({ where: { teamId: row.id, projectId: { notIn: projects.map((project) => project.id) } } });
        await tx.teamProjectAccess.createMany({ data: projects.map((project) => ({ teamId: row.id, projectId: project.id })), skipDuplicates: true });
      }
      const opened = await tx.project.findMany({ where: { id: { in: removed.map((project) => project.id) }, teamAccess: { none: {} } }, select: { slug: true } });
      await auditChange(tx, context, "team.update", 200, {
        slug: input.slug ?? row.slug, ...(input.slug && input.slug !== row.slug ? { previous_slug: row.slug } : {}),
        ...(userIds ? { members: userIds.length } : {}), ...(projects ? { projects: projects.map((project) => project.slug) } : {}),
        ...(opened.length ? { opened_projects: opened.map((project) => project.slug) } : {}),
      });
    })
    .catch(duplicateSlug);
  return teamView(context, await loadTeam(row));
}

/** Takes the team's projects away from it, so it needs project:update on them too. Projects that
 * only this team had become open to every member again; the audit record names them. */
export async function deleteTeam(context: ServiceContext, team: TeamRef): Promise<void> {
  const db = await getDb();
  const row = await loadTeam(team);
  await requireProjectUpdate(context, row.projects.map(({ project }) => project), "team.delete");
  await db.$transaction(async (tx) => {
    await tx.team.delete({ where: { id: row.id }, select: { id: true } });
    const opened = await tx.project.findMany({
      where: { id: { in: row.projects.map(({ project }) => project.id) }, teamAccess: { none: {} } }, select: { slug: true },
    });
    await auditChange(tx, context, "team.delete", 204, { slug: row.slug, ...(opened.length ? { opened_projects: opened.map((project) => project.slug) } : {}) });
  });
}
