import "server-only";
import { createHash } from "node:crypto";
import { newId } from "@/lib/data/ids";
import { generateApiToken, randomBase62 } from "@/lib/services/tokens/token-format";
import type { Grant, ResourcePath, Scope, ScopeResolver } from "@/lib/authz";
import type { Tx } from "@/lib/data/client";
import { AppError } from "@/lib/errors";
import type { GrantView, TokenGrantInput } from "@/lib/schemas/tokens";

// API tokens (docs/api.md#conventions): the database keeps only SHA-256 of the token. The value exists once, in
// the response that creates or rotates it.
// Grants are stored with ids (a renamed project keeps its keys) and shown with slugs; the helpers
// below translate both ways and tell lib/authz where each scope sits in the hierarchy.

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface NewApiToken {
  organizationId: string;
  name: string;
  note?: string | null;
  grants: Grant[];
  expiresAt: Date | null;
  createdById: string | null;
}

/** Stores a new token; the caller has already checked it grants no more than its creator holds. */
export async function issueApiToken(tx: Tx, input: NewApiToken) {
  const token = generateApiToken();
  const record = await tx.apiToken.create({
    data: {
      id: newId(), publicId: `key_${randomBase62(16)}`, organizationId: input.organizationId, name: input.name, note: input.note ?? null,
      tokenHash: hashApiToken(token), permissions: input.grants as unknown as object, expiresAt: input.expiresAt, createdById: input.createdById,
    },
    select: { publicId: true, name: true, note: true, expiresAt: true, createdAt: true },
  });
  return { id: record.publicId, token, name: record.name, note: record.note, permissions: input.grants, expiresAt: record.expiresAt, createdAt: record.createdAt };
}

/**
 * A new value for an existing token. Without a grace period the old one stops working with this
 * very update; with one, the old hash moves to previousTokenHash and keeps working until
 * `previousValidUntil` (replacing any earlier previous token at once). Null when the key was
 * revoked or rotated since `seen` was read (two rotations must not both hand out a value).
 */
export async function rotateApiTokenValue(
  tx: Tx, seen: { id: string; rotatedAt: Date | null }, previousValidUntil: Date | null,
): Promise<string | null> {
  const current = await tx.apiToken.findUnique({ where: { id: seen.id }, select: { tokenHash: true } });
  if (!current) return null;
  const token = generateApiToken();
  // Conditional on what was read, so a concurrent rotation or revocation makes this one a no-op.
  const { count } = await tx.apiToken.updateMany({
    where: { id: seen.id, revokedAt: null, rotatedAt: seen.rotatedAt, tokenHash: current.tokenHash },
    data: {
      tokenHash: hashApiToken(token), rotatedAt: new Date(),
      previousTokenHash: previousValidUntil ? current.tokenHash : null, previousValidUntil,
    },
  });
  return count === 1 ? token : null;
}

// Same words as lib/authz uses for an invisible scope: an unknown slug and a hidden one look alike.
export const UNKNOWN_SCOPE_MESSAGE = "The scope names no team, project, target or environment you can see.";

/** Slugs → ids. Unknown slugs are a 422 naming the offending grants; identical grants collapse into one. */
export async function grantsFromSlugs(db: Tx, organizationId: string, input: readonly TokenGrantInput[]): Promise<Grant[]> {
  const scoped = input.flatMap((grant) => (grant.scope ? [grant.scope] : []));
  const teamSlugs = scoped.flatMap((scope) => ("team" in scope ? [scope.team] : []));
  const paths = scoped.flatMap((scope) => ("project" in scope ? [scope] : []));
  // One query after another, not Promise.all: the embedded database serves a single session.
  const teams = teamSlugs.length ? await db.team.findMany({ where: { organizationId, slug: { in: teamSlugs } }, select: { id: true, slug: true } }) : [];
  const projects = paths.length
    ? await db.project.findMany({
        where: { organizationId, slug: { in: paths.map((path) => path.project) } },
        select: {
          id: true, slug: true,
          targets: {
            where: { slug: { in: paths.flatMap((path) => (path.target ? [path.target] : [])) } },
            select: { id: true, slug: true, environments: { where: { slug: { in: paths.flatMap((path) => (path.environment ? [path.environment] : [])) } }, select: { id: true, slug: true } } },
          },
        },
      })
    : [];

  const unknown: number[] = [];
  const grants = input.map((grant, index): Grant => {
    if (!grant.scope) return { permission: grant.permission };
    const scope = grant.scope;
    let resolved: Scope | null = null;
    if ("team" in scope) {
      const team = teams.find((row) => row.slug === scope.team);
      resolved = team ? { team: team.id } : null;
    } else {
      const project = projects.find((row) => row.slug === scope.project);
      const target = scope.target === undefined ? undefined : project?.targets.find((row) => row.slug === scope.target);
      const environment = scope.environment === undefined ? undefined : target?.environments.find((row) => row.slug === scope.environment);
      const complete = project && (scope.target === undefined || target) && (scope.environment === undefined || environment);
      resolved = complete
        ? { project: project.id, ...(target ? { target: target.id } : {}), ...(environment ? { environment: environment.id } : {}) }
        : null;
    }
    if (!resolved) unknown.push(index);
    return { permission: grant.permission, ...(resolved ? { scope: resolved } : {}) };
  });
  if (unknown.length > 0) {
    throw new AppError("validation_failed", `Unknown scope: ${UNKNOWN_SCOPE_MESSAGE}`, {
      details: unknown.map((index) => ({ path: `permissions.${index}.scope`, message: UNKNOWN_SCOPE_MESSAGE })),
    });
  }
  return uniqueGrants(grants);
}

export function uniqueGrants(grants: readonly Grant[]): Grant[] {
  const seen = new Map<string, Grant>();
  for (const grant of grants) seen.set(grantKey(grant), grant);
  return [...seen.values()];
}

function grantKey(grant: Grant): string {
  const scope = grant.scope as Record<string, string | undefined> | undefined;
  return JSON.stringify([grant.permission, scope?.team, scope?.project, scope?.target, scope?.environment]);
}

/** The rows that stored grants point at (whatever still exists), for rendering and containment. */
export interface ScopeRows {
  organizationId: string;
  teams: Map<string, { slug: string }>;
  projects: Map<string, { slug: string; teamIds: string[] }>;
  targets: Map<string, { slug: string; projectId: string }>;
  environments: Map<string, { slug: string; targetId: string }>;
}

export async function loadScopeRows(db: Tx, organizationId: string, grants: readonly Grant[]): Promise<ScopeRows> {
  const ids = (key: "team" | "project" | "target" | "environment") =>
    [...new Set(grants.flatMap((grant) => {
      const id = (grant.scope as Record<string, string | undefined> | undefined)?.[key];
      return id ? [id] : [];
    }))];
  // One query after another, and none for an empty list (most keys are unscoped).
  const [teamIds, projectIds, targetIds, environmentIds] = [ids("team"), ids("project"), ids("target"), ids("environment")];
  const teams = teamIds.length ? await db.team.findMany({ where: { organizationId, id: { in: teamIds } }, select: { id: true, slug: true } }) : [];
  const projects = projectIds.length
    ? await db.project.findMany({ where: { organizationId, id: { in: projectIds } }, select: { id: true, slug: true, teamAccess: { select: { teamId: true } } } })
    : [];
  const targets = targetIds.length
    ? await db.target.findMany({ where: { project: { organizationId }, id: { in: targetIds } }, select: { id: true, slug: true, projectId: true } })
    : [];
  const environments = environmentIds.length
    ? await db.environment.findMany({ where: { target: { project: { organizationId } }, id: { in: environmentIds } }, select: { id: true, slug: true, targetId: true } })
    : [];
  return {
    organizationId,
    teams: new Map(teams.map((row) => [row.id, { slug: row.slug }])),
    projects: new Map(projects.map((row) => [row.id, { slug: row.slug, teamIds: row.teamAccess.map((access) => access.teamId) }])),
    targets: new Map(targets.map((row) => [row.id, { slug: row.slug, projectId: row.projectId }])),
    environments: new Map(environments.map((row) => [row.id, { slug: row.slug, targetId: row.targetId }])),
  };
}

/** Where a scope sits, for grantsWithin(); null when any part of it no longer exists. */
export function scopeResolver(rows: ScopeRows): ScopeResolver {
  return (scope) => {
    if ("team" in scope) return rows.teams.has(scope.team) ? { organizationId: rows.organizationId, teamId: scope.team } : null;
    const project = rows.projects.get(scope.project);
    if (!project) return null;
    const path: ResourcePath = { organizationId: rows.organizationId, projectId: scope.project, projectTeamIds: project.teamIds };
    if (scope.target === undefined) return path;
    if (rows.targets.get(scope.target)?.projectId !== scope.project) return null;
    if (scope.environment === undefined) return { ...path, targetId: scope.target };
    if (rows.environments.get(scope.environment)?.targetId !== scope.target) return null;
    return { ...path, targetId: scope.target, environmentId: scope.environment };
  };
}

/** A grant with slugs. A scope whose team, project, target or environment was deleted shows null
 * there: it grants nothing (a new node with the same slug has a new id and is not covered). */
export function grantView(grant: Grant, rows: ScopeRows): GrantView {
  const { permission, scope } = grant;
  if (!scope) return { permission };
  if ("team" in scope) return { permission, scope: { team: rows.teams.get(scope.team)?.slug ?? null } };
  const project = rows.projects.get(scope.project);
  const target = scope.target === undefined ? undefined : rows.targets.get(scope.target);
  const environment = scope.environment === undefined ? undefined : rows.environments.get(scope.environment);
  const targetAlive = target !== undefined && target.projectId === scope.project && project !== undefined;
  const environmentAlive = environment !== undefined && environment.targetId === scope.target && targetAlive;
  return {
    permission,
    scope: {
      project: project?.slug ?? null,
      ...(scope.target === undefined ? {} : { target: targetAlive ? target.slug : null }),
      ...(scope.environment === undefined ? {} : { environment: environmentAlive ? environment.slug : null }),
    },
  };
}
