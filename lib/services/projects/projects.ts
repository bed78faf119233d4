import "server-only";
import { ulid } from "ulid";
import { authorize, visibleProjectsFilter, type Principal, type ProjectFilter, type ResourcePath } from "@/lib/authz";
import type { OrgContext } from "@/lib/api/context";
import { mapDatabaseError } from "@/lib/data/errors";
import { getDb } from "@/lib/data/db";
import type { Prisma } from "@/lib/data/generated/client";
import type { CreateProjectInput, RenameInput } from "@/lib/schemas/projects";
import { auditChange, auditRead, isAllowed, requireListing, requirePermission } from "../access/guard";
import { notFound } from "./lookup";
import { custodyName } from "../keys/key-versions";
import { pageArgs, pageOf } from "../shared/pagination";
import { createClientManagedKey, insertServerManagedKey, newServerKeyMaterial } from "../keys/server-custody";

// Projects (SPEC §1, §4.5). Creating one also creates its key version 1: generated and wrapped by
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

const pathOf = (context: OrgContext, row: ProjectRow): ResourcePath => ({
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

async function loadProject(context: OrgContext, slug: string): Promise<ProjectRow> {
  const row = await context.db.project.findUnique({ where: { organizationId_slug: { organizationId: context.organizationId, slug } }, select: PROJECT_SELECT });
  if (!row) throw notFound();
  return row;
}

const duplicateSlug = (error: unknown): never => mapDatabaseError(error, "A project with that slug");

export async function listProjects(context: OrgContext, query: { cursor?: string; limit?: number }) {
  await requireListing(context, "project:read", { organizationId: context.organizationId }, "project.list");
  const rows = await context.db.project.findMany({
    where: { organizationId: context.organizationId, ...visibleWhere(visibleProjectsFilter(context.principal)) },
    select: PROJECT_SELECT, orderBy: { id: "asc" }, ...pageArgs(query),
  });
  const page = pageOf(rows, query);
  const readable = page.items.filter((row) => isAllowed(context, "project:read", pathOf(context, row)));
  await auditRead(context, "project.list", { count: readable.length });
  return { data: readable.map(projectView), meta: { next_cursor: page.next_cursor } };
}

export async function getProject(context: OrgContext, slug: string) {
  const row = await loadProject(context, slug);
  await requirePermission(context, "project:read", pathOf(context, row), "project.read");
  await auditRead(context, "project.read", { slug: row.slug });
  return projectView(row);
}

export async function createProject(context: OrgContext, input: CreateProjectInput) {
  await requirePermission(context, "project:create", { organizationId: context.organizationId }, "project.create");
  const createdById = context.principal.kind === "user" ? context.principal.userId : null;
  // The server key's PBKDF2 run is slow on purpose: do it before the transaction opens.
  const serverKey = input.custody === "server" ? await newServerKeyMaterial() : null;
  const name = input.name ?? input.slug;
  const row = await context.db
    .$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { id: ulid(), organizationId: context.organizationId, slug: input.slug, name, custody: serverKey ? "SERVER" : "CLIENT" },
        select: { id: true },
      });
      if (serverKey) await insertServerManagedKey(tx, project.id, 1, serverKey, createdById);
      else await createClientManagedKey(tx, project.id, 1, input.key ? { salt: input.key.salt, iterations: input.key.iterations, keyProof: input.key.key_proof } : null, createdById);
      await auditChange(tx, context, "project.create", 201, { slug: input.slug, name, custody: input.custody, key_configured: !!serverKey || !!input.key });
      return tx.project.findUniqueOrThrow({ where: { id: project.id }, select: PROJECT_SELECT });
    })
    .catch(duplicateSlug);
  return projectView(row);
}

export async function updateProject(context: OrgContext, slug: string, input: RenameInput) {
  const current = await loadProject(context, slug);
  await requirePermission(context, "project:update", pathOf(context, current), "project.update");
  const row = await context.db
    .$transaction(async (tx) => {
      const updated = await tx.project.update({ where: { id: current.id }, data: { slug: input.slug, name: input.name }, select: PROJECT_SELECT });
      await auditChange(tx, context, "project.update", 200, renameMetadata(current, input));
      return updated;
    })
    .catch(duplicateSlug);
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

export async function deleteProject(context: OrgContext, slug: string): Promise<void> {
  const current = await loadProject(context, slug);
  await requirePermission(context, "project:delete", pathOf(context, current), "project.delete");
  await context.db
    .$transaction(async (tx) => {
      await tx.project.delete({ where: { id: current.id }, select: { id: true } });
      await auditChange(tx, context, "project.delete", 204, { slug: current.slug, name: current.name, custody: custodyName(current.custody) });
    })
    .catch((error: unknown) => mapDatabaseError(error, "The project"));
}

/** The organization's projects the principal may read, with their targets and environments. */
export async function listReadableProjects(principal: Principal & { organizationId: string }) {
  const db = await getDb();
  const projects = await db.project.findMany({
    where: { organizationId: principal.organizationId },
    select: {
      id: true, slug: true, name: true, custody: true,
      teamAccess: { select: { teamId: true } },
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
    .map(({ id, slug, name, custody, targets }) => ({ id, slug, name, custody, targets }));
}
