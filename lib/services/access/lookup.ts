import "server-only";
import type { ResourcePath } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import type { Custody } from "@/lib/data/generated/enums";
import { AppError } from "@/lib/errors";
import { directQuery } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { Prisma } from "@/lib/data/generated/client";

// Looking up what a request names (organization → project → target → environment, or a team) and
// describing it as the ResourcePath that authorize() judges. Anything missing is a plain 404.

export interface ProjectRef {
  id: string;
  slug: string;
  name: string;
  custody: Custody;
  teamIds: string[];
  /** The active key version as found with the project (findLevel only), to describe the key without asking again. */
  activeKey?: { version: number; salt: string | null; iterations: number | null } | null;
}

export interface LevelRef {
  project: ProjectRef;
  target: { id: string; slug: string; name: string } | null;
  environment: { id: string; slug: string; name: string } | null;
  resource: ResourcePath;
  /** "project" | "target" | "environment": the deepest level named. */
  level: "project" | "target" | "environment";
  /** The stored content of each level read, when asked for with the level (null: the level holds none). */
  content?: Record<"project" | "target" | "environment", StoredContent | null>;
}

/** One level's stored row as a secrets read uses it. */
export interface StoredContent {
  blob: string;
  tags: unknown;
  keyVersion: number;
  version: number;
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

export async function findLevel(
  context: Pick<ServiceContext, "organizationId">,
  path: { project: string; target?: string | null; environment?: string | null },
  options: { content?: boolean } = {},
): Promise<LevelRef> {
  const db = await getDb();
  if (path.environment && !path.target) throw new AppError("validation_failed", "An environment needs its target.");
  const content = options.content === true;
  // One statement for the whole path, the project's teams included, and (asked for by a read) each
  // level's stored content: this runs on every secrets request.
  const [row] = await directQuery<LevelRow>(db, Prisma.sql`
    SELECT p."id", p."slug", p."name", p."custody"::text AS "custody",
      ARRAY(SELECT a."teamId" FROM "TeamProjectAccess" a WHERE a."projectId" = p."id" ORDER BY a."teamId") AS "teamIds",
      t."id" AS "targetId", t."slug" AS "targetSlug", t."name" AS "targetName",
      e."id" AS "environmentId", e."slug" AS "environmentSlug", e."name" AS "environmentName",
      k."version" AS "keyVersion", k."salt" AS "keySalt", k."iterations" AS "keyIterations",
      ${contentColumns("sp")}, ${contentColumns("st")}, ${contentColumns("se")}
    FROM "Project" p
    LEFT JOIN "ProjectKeyVersion" k ON k."projectId" = p."id" AND k."state" = 'ACTIVE'
    LEFT JOIN "Target" t ON t."projectId" = p."id" AND t."slug" = ${path.target ?? ""}
    LEFT JOIN "Environment" e ON e."targetId" = t."id" AND e."slug" = ${path.environment ?? ""}
    LEFT JOIN "SecretLevel" sp ON ${content} AND sp."ownerId" = p."id"
    LEFT JOIN "SecretLevel" st ON ${content} AND st."ownerId" = t."id"
    LEFT JOIN "SecretLevel" se ON ${content} AND se."ownerId" = e."id"
    WHERE p."organizationId" = ${context.organizationId} AND p."slug" = ${path.project}`);
  if (!row) throw notFound();
  const project: ProjectRef = {
    id: row.id, slug: row.slug, name: row.name, custody: row.custody, teamIds: row.teamIds,
    activeKey: row.keyVersion === null ? null : { version: row.keyVersion, salt: row.keySalt, iterations: row.keyIterations },
  };
  if (path.target && !row.targetId) throw notFound();
  if (path.environment && !row.environmentId) throw notFound();
  const target = path.target && row.targetId ? { id: row.targetId, slug: row.targetSlug!, name: row.targetName! } : null;
  const environment = path.environment && row.environmentId ? { id: row.environmentId, slug: row.environmentSlug!, name: row.environmentName! } : null;
  const resource: ResourcePath = {
    ...projectResource(context.organizationId, project),
    ...(target ? { targetId: target.id } : {}),
    ...(environment ? { environmentId: environment.id } : {}),
  };
  return {
    project, target, environment, resource, level: environment ? "environment" : target ? "target" : "project",
    ...(content ? { content: { project: storedContent(row, "sp"), target: storedContent(row, "st"), environment: storedContent(row, "se") } } : {}),
  };
}

type ContentAlias = "sp" | "st" | "se";

/** A level's content columns, prefixed with its alias (the blob is named, as everywhere it is read). */
function contentColumns(alias: ContentAlias) {
  return Prisma.raw(
    ["blob", "tags", "keyVersion", "version"].map((column) => `${alias}."${column}" AS "${alias}_${column}"`).join(", "),
  );
}

function storedContent(row: LevelRow, alias: ContentAlias): StoredContent | null {
  const version = row[`${alias}_version`];
  if (version === null) return null;
  return { blob: row[`${alias}_blob`]!, tags: row[`${alias}_tags`], keyVersion: row[`${alias}_keyVersion`]!, version };
}

/** The content columns of one level (all null where the level holds nothing or was not asked for). */
type ContentRow = { [A in ContentAlias as `${A}_blob`]: string | null } & { [A in ContentAlias as `${A}_tags`]: unknown } & {
  [A in ContentAlias as `${A}_keyVersion` | `${A}_version`]: number | null;
};

interface LevelRow extends ContentRow {
  id: string;
  slug: string;
  name: string;
  custody: Custody;
  teamIds: string[];
  targetId: string | null;
  targetSlug: string | null;
  targetName: string | null;
  environmentId: string | null;
  environmentSlug: string | null;
  environmentName: string | null;
  keyVersion: number | null;
  keySalt: string | null;
  keyIterations: number | null;
}

export async function findTeam(context: Pick<ServiceContext, "organizationId">, slug: string): Promise<TeamRef> {
  const db = await getDb();
  const team = await db.team.findUnique({ where: { organizationId_slug: { organizationId: context.organizationId, slug } }, select: { id: true, slug: true } });
  if (!team) throw notFound();
  return team;
}
