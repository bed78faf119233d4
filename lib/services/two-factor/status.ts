import "server-only";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";

// Whether a person has two-factor authentication, and which organizations require it of them.
// A method counts once enrolment is complete (enabledAt set).

export async function hasTwoFactor(userId: string, db?: Tx): Promise<boolean> {
  const client = db ?? (await getDb());
  return (await client.twoFactorMethod.count({ where: { userId, enabledAt: { not: null } } })) > 0;
}

/** The organizations of the person that enforce 2FA (whatever their grace period), by name. */
export async function enforcingOrganizations(userId: string, db?: Tx): Promise<{ id: string; name: string }[]> {
  const client = db ?? (await getDb());
  const memberships = await client.membership.findMany({
    where: { userId, organization: { securityPolicy: { enforceTwoFactor: true } } },
    select: { organization: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((membership) => membership.organization);
}
