import "server-only";
import { authorize, PERMISSIONS, permissionArea, type ResourcePath, type TokenPrincipal } from "@/lib/authz";
import { RADIUS_PERMISSIONS, type BlastRadius, type RadiusRow } from "@/lib/schemas/explorer";
import { getDb } from "@/lib/data/db";

// "Blast radius": every project, target and environment of the organization where this key may
// read, decrypt or write secrets — each cell decided by authorize(), as a real request would be.

export async function blastRadius(principal: TokenPrincipal): Promise<BlastRadius> {
  const db = await getDb();
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
