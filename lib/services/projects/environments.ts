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
import type { TargetPath } from "./targets";

// Environments of a target (SPEC §1, §4.5). Creating one is asked about its target (lib/authz
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

async function loadEnvironment(context: OrgContext, path: EnvironmentPath): Promise<{ level: LevelRef; row: EnvironmentRow }> {
  const level = await findLevel(context, path);
  const row = await context.db.environment.findUnique({ where: { id: level.environment!.id }, select: ENVIRONMENT_SELECT });
  if (!row) throw notFound();
  return { level, row };
}

export async function listEnvironments(context: OrgContext, path: TargetPath, query: { cursor?: string; limit?: number }) {
  const level = await findLevel(context, path);
  await requireListing(context, "environment:read", level.resource, "environment.list");
  const rows = await context.db.environment.findMany({ where: { targetId: level.target!.id }, select: ENVIRONMENT_SELECT, orderBy: { id: "asc" }, ...pageArgs(query) });
  const page = pageOf(rows, query);
  const readable = page.items.filter((row) => isAllowed(context, "environment:read", { ...level.resource, environmentId: row.id }));
  await auditRead(context, "environment.list", { ...parentsOf(level), count: readable.length });
  return { data: readable.map((row) => environmentView(level, row)), meta: { next_cursor: page.next_cursor } };
}

export async function getEnvironment(context: OrgContext, path: EnvironmentPath) {
  const { level, row } = await loadEnvironment(context, path);
  await requirePermission(context, "environment:read", level.resource, "environment.read");
  await auditRead(context, "environment.read", { ...parentsOf(level), slug: row.slug });
  return environmentView(level, row);
}

export async function createEnvironment(context: OrgContext, path: TargetPath, input: CreateNodeInput) {
  const level = await findLevel(context, path);
  await requirePermission(context, "environment:create", level.resource, "environment.create");
  const name = input.name ?? input.slug;
  const row = await context.db
    .$transaction(async (tx) => {
      const created = await tx.environment.create({ data: { id: ulid(), targetId: level.target!.id, slug: input.slug, name }, select: ENVIRONMENT_SELECT });
      await auditChange(tx, context, "environment.create", 201, { ...parentsOf(level), slug: input.slug, name });
      return created;
    })
    .catch(duplicateSlug);
  return environmentView(level, row);
}

export async function updateEnvironment(context: OrgContext, path: EnvironmentPath, input: RenameInput) {
  const { level, row: current } = await loadEnvironment(context, path);
  await requirePermission(context, "environment:update", level.resource, "environment.update");
  const row = await context.db
    .$transaction(async (tx) => {
      const updated = await tx.environment.update({ where: { id: current.id }, data: { slug: input.slug, name: input.name }, select: ENVIRONMENT_SELECT });
      await auditChange(tx, context, "environment.update", 200, renameMetadata(current, input, parentsOf(level)));
      return updated;
    })
    .catch(duplicateSlug);
  return environmentView(level, row);
}

export async function deleteEnvironment(context: OrgContext, path: EnvironmentPath): Promise<void> {
  const { level, row } = await loadEnvironment(context, path);
  await requirePermission(context, "environment:delete", level.resource, "environment.delete");
  await context.db
    .$transaction(async (tx) => {
      await tx.environment.delete({ where: { id: row.id }, select: { id: true } });
      await auditChange(tx, context, "environment.delete", 204, { ...parentsOf(level), slug: row.slug, name: row.name });
    })
    .catch((error: unknown) => mapDatabaseError(error, "The environment"));
}
