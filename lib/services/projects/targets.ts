import "server-only";
import { newId } from "@/lib/data/ids";
import type { ServiceContext } from "@/lib/services/context";
import { mapDatabaseError } from "@/lib/data/errors";
import type { Prisma } from "@/lib/data/generated/client";
import type { CreateNodeInput, RenameInput } from "@/lib/schemas/projects";
import { auditedChange, auditRead, isAllowed } from "../access/guard";
import { notFound, type LevelRef } from "../access/lookup";
import { pageArgs, pageOf } from "../shared/pagination";
import { renameMetadata } from "./projects";
import { getDb } from "@/lib/data/db";

// Targets of a project (docs/hierarchy.md#hierarchy, docs/api.md#management). Creating one is asked about its project (lib/authz README);
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

async function loadTarget(level: LevelRef): Promise<TargetRow> {
  const db = await getDb();
  const row = await db.target.findUnique({ where: { id: level.target!.id }, select: TARGET_SELECT });
  if (!row) throw notFound();
  return row;
}

export async function listTargets(context: ServiceContext, level: LevelRef, query: { cursor?: string; limit?: number }) {
  const db = await getDb();
  const rows = await db.target.findMany({ where: { projectId: level.project.id }, select: TARGET_SELECT, orderBy: { id: "asc" }, ...pageArgs(query) });
  const page = pageOf(rows, query);
  const readable = page.items.filter((row) => isAllowed(context, "target:read", { ...level.resource, targetId: row.id }));
  await auditRead(context, "target.list", { project: level.project.slug, count: readable.length });
  return { data: readable.map((row) => targetView(level, row)), meta: { next_cursor: page.next_cursor } };
}

export async function getTarget(context: ServiceContext, level: LevelRef) {
  const row = await loadTarget(level);
  await auditRead(context, "target.read", { project: level.project.slug, slug: row.slug });
  return targetView(level, row);
}

export async function createTarget(context: ServiceContext, level: LevelRef, input: CreateNodeInput) {
  const name = input.name ?? input.slug;
  const row = await auditedChange(
    context, "target.create", 201,
    (tx) => tx.target.create({ data: { id: newId(), projectId: level.project.id, slug: input.slug, name }, select: TARGET_SELECT }),
    () => ({ project: level.project.slug, slug: input.slug, name }),
  ).catch(duplicateSlug);
  return targetView(level, row);
}

export async function updateTarget(context: ServiceContext, level: LevelRef, input: RenameInput) {
  const current = await loadTarget(level);
  const row = await auditedChange(
    context, "target.update", 200,
    (tx) => tx.target.update({ where: { id: current.id }, data: { slug: input.slug, name: input.name }, select: TARGET_SELECT }),
    () => renameMetadata(current, input, { project: level.project.slug }),
  ).catch(duplicateSlug);
  return targetView(level, row);
}

export async function deleteTarget(context: ServiceContext, level: LevelRef): Promise<void> {
  const row = await loadTarget(level);
  await auditedChange(
    context, "target.delete", 204,
    (tx) => tx.target.delete({ where: { id: row.id }, select: { id: true } }),
    () => ({ project: level.project.slug, slug: row.slug, name: row.name }),
  ).catch((error: unknown) => mapDatabaseError(error, "The target"));
}
