import "server-only";
import { newId } from "@/lib/data/ids";
import { authorize, visibleProjectsFilter, type Principal, type ProjectFilter, type ResourcePath } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import { mapDatabaseError } from "@/lib/data/errors";
import { getDb } from "@/lib/data/db";
import type { Prisma } from "@/lib/data/generated/client";
import type { CreateProjectInput, RenameInput } from "@/lib/schemas/projects";
import { auditChange, auditedChange, auditRead, isAllowed } from "../access/guard";
import { notFound, type ProjectRef } from "../access/lookup";
import { custodyName } from "../keys/key-versions";
import { pageArgs, pageOf } from "../shared/pagination";
import { createClientManagedKey, creatorOf, insertServerManagedKey, newServerKeyMaterial } from "../keys/server-custody";
import { check, plan } from "../access/plan";
import { rotationStatus } from "../keys/policy";

// Projects (docs/hierarchy.md#hierarchy, docs/api.md#management). Creating one also creates its key version 1: generated and wrapped by
// the server, or — client custody — the client's salt/iterations/proof (or nothing yet). Deleting
// one removes everything beneath it (targets, environments, levels, history, keys) by cascade.

const PROJECT_SELECT = {
  id: true, slug: true, name: true, custody: true, createdAt: true, updatedAt: true,
  teamAccess: { select: { teamId: true } },
  keyVersions: { where: { state: "ACTIVE" }, select: { version: true, proofHash: true } },
} satisfies Prisma.ProjectSelect;

type ProjectRow = Prisma.ProjectGetPayload<{ select: typeof PROJECT_SELECT }>;

function projectView(row: ProjectRow) {
  const active = row.keyVersions[0];
  return {
    id: row.id, slug: row.slug, name: row.name, custody: custodyName(row.custody),
    key_version: active?.version ?? null, key_configured: active ? active.proofHash !== null : false,
    created_at: row.createdAt, updated_at: row.updatedAt,
  };
}

const pathOf = (context: ServiceContext, row: ProjectRow): ResourcePath => ({
  organizationId: context.organizationId, projectId: row.id, projectTeamIds: row.teamAccess.map((access) => access.teamId),
});

/** visibleProjectsFilter as a WHERE clause: a page holds only projects the caller could see. */
function visibleWhere(filter: ProjectFilter): Prisma.ProjectWhereInput {
  if (filter.kind === "all") return {};
  if (filter.kind === "none") return { id: { in: [] } };
  return {
    OR: [
      { id: { in: [...filter.projectIds] } },
      { teamAccess: { some: { teamId: { in: [...filter.teamIds] } } } },
      ...(filter.unrestricted ? [{ teamAccess: { none: {} } }] : []),
    ],
  };
}

async function loadProject(project: ProjectRef): Promise<ProjectRow> {
  const db = await getDb();
  const row = await db.project.findUnique({ where: { id: project.id }, select: PROJECT_SELECT });
  if (!row) throw notFound();
  return row;
}

export const listProjectsPlan = () => plan("project.list", [check("project:read", "organization", { listing: true })]);
export const createProjectPlan = () => plan("project.create", [check("project:create")]);
/** Reading, renaming or deleting a project: that permission on the project named. */
export const projectPlan = (verb: "read" | "update" | "delete", project: string) =>
  plan(`project.${verb}`, [check(`project:${verb}`, "project")], { level: { project } });

const duplicateSlug = (error: unknown): never => mapDatabaseError(error, "A project with that slug");

export async function listProjects(context: ServiceContext, query: { cursor?: string; limit?: number }) {
  const db = await getDb();
  const rows = await db.project.findMany({
    where: { organizationId: context.organizationId, ...visibleWhere(visibleProjectsFilter(context.principal)) },
    select: PROJECT_SELECT, orderBy: { id: "asc" }, ...pageArgs(query),
  });
  const page = pageOf(rows, query);
  const readable = page.items.filter((row) => isAllowed(context, "project:read", pathOf(context, row)));
  await auditRead(context, "project.list", { count: readable.length });
  return { data: readable.map(projectView), meta: { next_cursor: page.next_cursor } };
}

export async function getProject(context: ServiceContext, project: ProjectRef) {
  const row = await loadProject(project);
  await auditRead(context, "project.read", { slug: row.slug });
  return projectView(row);
}

export async function createProject(context: ServiceContext, input: CreateProjectInput) {
  const db = await getDb();
  const creator = creatorOf(context);
  // The server key's PBKDF2 run is slow on purpose: do it before the transaction opens.
  const serverKey = input.custody === "server" ? await newServerKeyMaterial() : null;
  const name = input.name ?? input.slug;
  const row = await db
    .$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { id: newId(), organizationId: context.organizationId, slug: input.slug, name, custody: serverKey ? "SERVER" : "CLIENT" },
        select: { id: true },
      });
      if (serverKey) await insertServerManagedKey(tx, project.id, 1, serverKey, creator);
      else await createClientManagedKey(tx, project.id, 1, input.key ? { salt: input.key.salt, iterations: input.key.iterations, keyProof: input.key.key_proof } : null, creator);
      await auditChange(tx, context, "project.create", 201, { slug: input.slug, name, custody: input.custody, key_configured: !!serverKey || !!input.key });
      return tx.project.findUniqueOrThrow({ where: { id: project.id }, select: PROJECT_SELECT });
    })
    .catch(duplicateSlug);
  return projectView(row);
}

export async function updateProject(context: ServiceContext, project: ProjectRef, input: RenameInput) {
  const current = await loadProject(project);
  const row = await auditedChange(
    context, "project.update", 200,
    (tx) => tx.project.update({ where: { id: current.id }, data: { slug: input.slug, name: input.name }, select: PROJECT_SELECT }),
    () => renameMetadata(current, input),
  ).catch(duplicateSlug);
  return projectView(row);
}

/** What a rename changed, for the audit record: slugs and names only. */
export function renameMetadata(current: { slug: string; name: string }, input: RenameInput, parents: Record<string, string> = {}) {
  return {
    ...parents, slug: input.slug ?? current.slug,
    ...(input.slug !== undefined && input.slug !== current.slug ? { previous_slug: current.slug } : {}),
    ...(input.name !== undefined && input.name !== current.name ? { name: input.name, previous_name: current.name } : {}),
  };
}

export async function deleteProject(context: ServiceContext, project: ProjectRef): Promise<void> {
  const current = await loadProject(project);
  await auditedChange(
    context, "project.delete", 204,
    (tx) => tx.project.delete({ where: { id: current.id }, select: { id: true } }),
    () => ({ slug: current.slug, name: current.name, custody: custodyName(current.custody) }),
  ).catch((error: unknown) => mapDatabaseError(error, "The project"));
}

/** The organization's projects the principal may read, with their targets and environments. */
export async function listReadableProjects(principal: Principal & { organizationId: string }) {
  const db = await getDb();
  const projects = await db.project.findMany({
    where: { organizationId: principal.organizationId },
    select: {
      id: true, slug: true, name: true, custody: true, keyRotationDays: true,
      teamAccess: { select: { teamId: true } },
      keyVersions: { where: { state: "ACTIVE" }, select: { createdAt: true } },
      targets: { select: { id: true, slug: true, name: true, environments: { select: { id: true, slug: true, name: true }, orderBy: { slug: "asc" } } }, orderBy: { slug: "asc" } },
    },
    orderBy: { slug: "asc" },
  });
  return projects
    .filter((project) =>
      authorize(principal, "project:read", {
        organizationId: principal.organizationId,
        projectId: project.id,
        projectTeamIds: project.teamAccess.map((access) => access.teamId),
      }).allowed,
    )
    .map(({ id, slug, name, custody, targets, keyRotationDays, keyVersions }) => ({
      id, slug, name, custody, targets, rotationOverdue: rotationStatus(keyRotationDays, keyVersions[0]?.createdAt ?? null).overdue,
    }));
}
