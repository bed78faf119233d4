import "server-only";
import { authorize, type Principal } from "@/lib/authz";
import { getDb } from "@/lib/data/db";

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
