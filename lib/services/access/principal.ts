import "server-only";
import type { UserPrincipal } from "@/lib/authz";
import { getDb } from "@/lib/data/db";

/** A user acting in one organization, or null when they are not a member (answered as 404). */
export async function userPrincipal(userId: string, organizationId: string): Promise<UserPrincipal | null> {
  const db = await getDb();
  const membership = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true },
  });
  if (!membership) return null;
  const teams = await db.teamMember.findMany({ where: { userId, team: { organizationId } }, select: { teamId: true } });
  return { kind: "user", userId, organizationId, role: membership.role, teamIds: teams.map((team) => team.teamId) };
}
