import "server-only";
import { authorize, PERMISSIONS, permissionArea, type Permission, type ResourcePath, type TokenPrincipal } from "@/lib/authz";
import type { Db } from "@/lib/data/client";

// "Blast radius": every project, target and environment of the organization where this key may
// read, decrypt or write secrets — each cell decided by authorize(), as a real request would be.

export const RADIUS_PERMISSIONS = ["secret:read", "secret:decrypt", "secret:write"] as const satisfies readonly Permission[];
export type RadiusPermission = (typeof RADIUS_PERMISSIONS)[number];

export interface RadiusRow {
  level: "project" | "target" | "environment";
  /** project, project/target or project/target/environment (slugs). */
  path: string;
  allowed: Record<RadiusPermission, boolean>;
}

export interface BlastRadius {
  rows: RadiusRow[];
  /** Levels where the key may do none of the three. */
  untouched: number;
  /** Organization-wide powers beyond secrets (e.g. token:manage, member:delete), unscoped. */
  organizationWide: Permission[];
}

export async function blastRadius(db: Db, principal: TokenPrincipal): Promise<BlastRadius> {
  const projects = await db.project.findMany({
    where: { organizationId: principal.organizationId },
    orderBy: { slug: "asc" },
    select: {
      id: true, slug: true, teamAccess: { select: { teamId: true } },
      targets: { orderBy: { slug: "asc" }, select: { id: true, slug: true, environments: { orderBy: { slug: "asc" }, select: { id: true, slug: true } } } },
    },
  });
  const all: RadiusRow[] = [];
  const judge = (level: RadiusRow["level"], path: string, resource: ResourcePath) => {
    const allowed = Object.fromEntries(RADIUS_PERMISSIONS.map((permission) => [permission, authorize(principal, permission, resource).allowed])) as RadiusRow["allowed"];
    all.push({ level, path, allowed });
  };
  for (const project of projects) {
    const base: ResourcePath = { organizationId: principal.organizationId, projectId: project.id, projectTeamIds: project.teamAccess.map((access) => access.teamId) };
    judge("project", project.slug, base);
    for (const target of project.targets) {
      judge("target", `${project.slug}/${target.slug}`, { ...base, targetId: target.id });
      for (const environment of target.environments) {
        judge("environment", `${project.slug}/${target.slug}/${environment.slug}`, { ...base, targetId: target.id, environmentId: environment.id });
      }
    }
  }
  const rows = all.filter((row) => RADIUS_PERMISSIONS.some((permission) => row.allowed[permission]));
  const organization = { organizationId: principal.organizationId };
  const organizationWide = PERMISSIONS.filter((permission) => permissionArea(permission) !== "hierarchy" && authorize(principal, permission, organization).allowed);
  return { rows, untouched: all.length - rows.length, organizationWide };
}
