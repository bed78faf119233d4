import "server-only";
import { ulid } from "ulid";
import type { OrgContext } from "@/lib/api/context";
import { mapDatabaseError } from "@/lib/data/errors";
import type { Prisma } from "@/lib/data/generated/client";
import type { CreateNodeInput, RenameInput } from "@/lib/schemas/projects";
import { auditChange, auditRead, isAllowed, requirePermission } from "../access/guard";
import { findLevel, notFound, type LevelRef } from "./lookup";
import { pageArgs, pageOf } from "../shared/pagination";
import { requireListing } from "../access/guard";
import { renameMetadata } from "./projects";

// Targets of a project (SPEC §1, §4.5). Creating one is asked about its project (lib/authz README);
// deleting one removes its environments and every level and history version beneath it.

export interface TargetPath {
  project: string;
  target: string;
}

const TARGET_SELECT = { id: true, slug: true, name: true, createdAt: true, updatedAt: true } satisfies Prisma.TargetSelect;
type TargetRow = Prisma.TargetGetPayload<{ select: typeof TARGET_SELECT }>;

const targetView = (level: LevelRef, row: TargetRow) => ({
  id: row.id, slug: row.slug, name: row.name, project: level.project.slug, created_at: row.createdAt, updated_at: row.updatedAt,
});

const duplicateSlug = (error: unknown): never => mapDatabaseError(error, "A target with that slug in this project");

async function loadTarget(context: OrgContext, path: TargetPath): Promise<{ level: LevelRef; row: TargetRow }> {
  const level = await findLevel(context, path);
  const row = await context.db.target.findUnique({ where: { id: level.target!.id }, select: TARGET_SELECT });
  if (!row) throw notFound();
  return { level, row };
}

export async function listTargets(context: OrgContext, projectSlug: string, query: { cursor?: string; limit?: number }) {
  const level = await findLevel(context, { project: projectSlug });
  await requireListing(context, "target:read", level.resource, "target.list");
  const rows = await context.db.target.findMany({ where: { projectId: level.project.id }, select: TARGET_SELECT, orderBy: { id: "asc" }, ...pageArgs(query) });
  const page = pageOf(rows, query);
  const readable = page.items.filter((row) => isAllowed(context, "target:read", { ...level.resource, targetId: row.id }));
  await auditRead(context, "target.list", { project: level.project.slug, count: readable.length });
  return { data: readable.map((row) => targetView(level, row)), meta: { next_cursor: page.next_cursor } };
}

export async function getTarget(context: OrgContext, path: TargetPath) {
  const { level, row } = await loadTarget(context, path);
  await requirePermission(context, "target:read", level.resource, "target.read");
  await auditRead(context, "target.read", { project: level.project.slug, slug: row.slug });
  return targetView(level, row);
}

export async function createTarget(context: OrgContext, projectSlug: string, input: CreateNodeInput) {
  const level = await findLevel(context, { project: projectSlug });
  await requirePermission(context, "target:create", level.resource, "target.create");
  const name = input.name ?? input.slug;
  const row = await context.db
    .$transaction(async (tx) => {
      const created = await tx.target.create({ data: { id: ulid(), projectId: level.project.id, slug: input.slug, name }, select: TARGET_SELECT });
      await auditChange(tx, context, "target.create", 201, { project: level.project.slug, slug: input.slug, name });
      return created;
    })
    .catch(duplicateSlug);
  return targetView(level, row);
}

export async function updateTarget(context: OrgContext, path: TargetPath, input: RenameInput) {
  const { level, row: current } = await loadTarget(context, path);
  await requirePermission(context, "target:update", level.resource, "target.update");
  const row = await context.db
    .$transaction(async (tx) => {
      const updated = await tx.target.update({ where: { id: current.id }, data: { slug: input.slug, name: input.name }, select: TARGET_SELECT });
      await auditChange(tx, context, "target.update", 200, renameMetadata(current, input, { project: level.project.slug }));
      return updated;
    })
    .catch(duplicateSlug);
  return targetView(level, row);
}

export async function deleteTarget(context: OrgContext, path: TargetPath): Promise<void> {
  const { level, row } = await loadTarget(context, path);
  await requirePermission(context, "target:delete", level.resource, "target.delete");
  await context.db
    .$transaction(async (tx) => {
      await tx.target.delete({ where: { id: row.id }, select: { id: true } });
      await auditChange(tx, context, "target.delete", 204, { project: level.project.slug, slug: row.slug, name: row.name });
    })
    .catch((error: unknown) => mapDatabaseError(error, "The target"));
}
