import "server-only";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { readPersonalOutbox } from "../mail/outbox";

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

/**
 * The development outbox's messages to this person (sign-in codes, reset links, notices), when
 * no mail server or SMS provider delivers them: their email and every number they set up.
 */
export async function personalOutbox(userId: string, { withinMinutes, limit }: { withinMinutes?: number; limit?: number } = {}) {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, twoFactorMethods: { where: { type: "SMS" }, select: { phone: true } } } });
  const recipients = [user.email, ...user.twoFactorMethods.map((method) => method.phone).filter((phone): phone is string => Boolean(phone))];
  return readPersonalOutbox(recipients, { limit, since: withinMinutes ? new Date(Date.now() - withinMinutes * 60_000) : undefined });
}
