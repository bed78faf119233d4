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
import type { TargetPath } from "./targets";
import { getDb } from "@/lib/data/db";

// Environments of a target (docs/hierarchy.md#hierarchy, docs/api.md#management). Creating one is asked about its target (lib/authz
// README); deleting one removes its level and the level's history.

export interface EnvironmentPath extends TargetPath {
  environment: string;
}

const ENVIRONMENT_SELECT = { id: true, slug: true, name: true, createdAt: true, updatedAt: true } satisfies Prisma.EnvironmentSelect;
type EnvironmentRow = Prisma.EnvironmentGetPayload<{ select: typeof ENVIRONMENT_SELECT }>;

const environmentView = (level: LevelRef, row: EnvironmentRow) => ({
  id: row.id, slug: row.slug, name: row.name, project: level.project.slug, target: level.target!.slug, created_at: row.createdAt, updated_at: row.updatedAt,
});

const duplicateSlug = (error: unknown): never => mapDatabaseError(error, "An environment with that slug in this target");
const parentsOf = (level: LevelRef) => ({ project: level.project.slug, target: level.target!.slug });

async function loadEnvironment(level: LevelRef): Promise<EnvironmentRow> {
  const db = await getDb();
  const row = await db.environment.findUnique({ where: { id: level.environment!.id }, select: ENVIRONMENT_SELECT });
  if (!row) throw notFound();
  return row;
}

export async function listEnvironments(context: ServiceContext, level: LevelRef, query: { cursor?: string; limit?: number }) {
  const db = await getDb();
  const rows = await db.environment.findMany({ where: { targetId: level.target!.id }, select: ENVIRONMENT_SELECT, orderBy: { id: "asc" }, ...pageArgs(query) });
  const page = pageOf(rows, query);
  const readable = page.items.filter((row) => isAllowed(context, "environment:read", { ...level.resource, environmentId: row.id }));
  await auditRead(context, "environment.list", { ...parentsOf(level), count: readable.length });
  return { data: readable.map((row) => environmentView(level, row)), meta: { next_cursor: page.next_cursor } };
}

export async function getEnvironment(context: ServiceContext, level: LevelRef) {
  const row = await loadEnvironment(level);
  await auditRead(context, "environment.read", { ...parentsOf(level), slug: row.slug });
  return environmentView(level, row);
}

export async function createEnvironment(context: ServiceContext, level: LevelRef, input: CreateNodeInput) {
  const name = input.name ?? input.slug;
  const row = await auditedChange(
    context, "environment.create", 201,
    (tx) => tx.environment.create({ data: { id: newId(), targetId: level.target!.id, slug: input.slug, name }, select: ENVIRONMENT_SELECT }),
    () => ({ ...parentsOf(level), slug: input.slug, name }),
  ).catch(duplicateSlug);
  return environmentView(level, row);
}

export async function updateEnvironment(context: ServiceContext, level: LevelRef, input: RenameInput) {
  const current = await loadEnvironment(level);
  const row = await auditedChange(
    context, "environment.update", 200,
    (tx) => tx.environment.update({ where: { id: current.id }, data: { slug: input.slug, name: input.name }, select: ENVIRONMENT_SELECT }),
    () => renameMetadata(current, input, parentsOf(level)),
  ).catch(duplicateSlug);
  return environmentView(level, row);
}

export async function deleteEnvironment(context: ServiceContext, level: LevelRef): Promise<void> {
  const row = await loadEnvironment(level);
  await auditedChange(
    context, "environment.delete", 204,
    (tx) => tx.environment.delete({ where: { id: row.id }, select: { id: true } }),
    () => ({ ...parentsOf(level), slug: row.slug, name: row.name }),
  ).catch((error: unknown) => mapDatabaseError(error, "The environment"));
}
