import "server-only";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { appendAuditEvent, type AuditActor, type AuditEntry } from "../audit/record";

// A person's sign-in and account-security events (auth.login.*, auth.2fa.*, auth.password.*) go to
// the log of every organization they belong to, so each organization's admins see them
// (docs/audit.md#accounts); someone in no organization gets them in the chain outside any ("-").

export type UserEvent = Omit<AuditEntry, "organizationId">;

export async function appendUserEvent(tx: Tx, actor: AuditActor, userId: string, event: UserEvent): Promise<void> {
  const memberships = await tx.membership.findMany({ where: { userId }, select: { organizationId: true }, orderBy: { organizationId: "asc" } });
  // Chains are locked in id order, so two such appends can never wait on each other in a cycle.
  const chains = memberships.length > 0 ? memberships.map((membership) => membership.organizationId) : [null];
  for (const organizationId of chains) await appendAuditEvent(tx, actor, { ...event, organizationId });
}

/** The same on its own (refusals: there is no change to commit with). */
export async function recordUserEvent(actor: AuditActor, userId: string, event: UserEvent): Promise<void> {
  const db = await getDb();
  await db.$transaction((tx) => appendUserEvent(tx, actor, userId, event));
}
