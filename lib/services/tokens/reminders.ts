import "server-only";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { appOrigin } from "@/lib/mail";
import { appendAuditEvent, type AuditActor } from "../audit/record";
import { queueMail } from "../mail/outbox";

// Expiry reminders (docs/api.md#api-keys): 7 days and 1 day before an API key expires, its creator
// and the organization's Owners and Administrators get an email (the development outbox without
// SMTP_URL). There is no cron: housekeeping.ts runs this when requests arrive, and ApiTokenReminder's
// primary key (key, kind) makes each reminder go out once, whichever instance notices first.

const DAY_MS = 86_400_000;
export const REMINDERS = { "7d": 7 * DAY_MS, "1d": DAY_MS } as const;
export type ReminderKind = keyof typeof REMINDERS;

const REMINDER_ACTOR: AuditActor = { actorType: "SYSTEM", actorId: null, actorLabel: "expiry reminder", source: "API", ip: null, userAgent: null };

/** The reminder due for a key expiring at `expiresAt`: the nearest threshold already crossed. */
export function dueReminder(expiresAt: Date, now = new Date()): ReminderKind | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left <= REMINDERS["1d"]) return "1d";
  if (left <= REMINDERS["7d"]) return "7d";
  return null;
}

/** Sends every due reminder (of one organization, or all); returns how many keys were reminded of. */
export async function sendExpiryReminders(organizationId?: string, now = new Date()): Promise<number> {
  const db = await getDb();
  const expiring = await db.apiToken.findMany({
    where: {
      revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + REMINDERS["7d"]) },
      ...(organizationId ? { organizationId } : {}),
    },
    select: { id: true, publicId: true, name: true, organizationId: true, expiresAt: true, createdById: true, reminders: { select: { kind: true } } },
    take: 200,
  });
  let sent = 0;
  for (const token of expiring) {
    const kind = dueReminder(token.expiresAt!, now);
    if (!kind || token.reminders.some((reminder) => reminder.kind === kind)) continue;
    const deliver = await db.$transaction((tx) => remind(tx, { ...token, expiresAt: token.expiresAt! }, kind));
    for (const send of deliver) await send();
    if (deliver.length > 0) sent++;
  }
  return sent;
}

interface ExpiringToken {
  id: string;
  publicId: string;
  name: string;
  organizationId: string;
  expiresAt: Date;
  createdById: string | null;
}

/** Records the reminder and queues its mails in one transaction; nothing when it was already sent. */
async function remind(tx: Tx, token: ExpiringToken, kind: ReminderKind): Promise<Array<() => Promise<void>>> {
  const { count } = await tx.apiTokenReminder.createMany({ data: [{ tokenId: token.id, kind }], skipDuplicates: true });
  if (count === 0) return [];
  const recipients = await tx.membership.findMany({
    where: {
      organizationId: token.organizationId,
      OR: [{ role: { in: ["OWNER", "ADMINISTRATOR"] } }, ...(token.createdById ? [{ userId: token.createdById }] : [])],
    },
    select: { user: { select: { email: true } } },
  });
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: token.organizationId }, select: { name: true } });
  const emails = [...new Set(recipients.map((member) => member.user.email))];
  const when = kind === "1d" ? "within a day" : "within 7 days";
  const subject = `API key “${token.name}” expires ${when}`;
  const text = [
    `The API key “${token.name}” (${token.publicId}) of ${organization.name} expires on ${token.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    "",
    "Whatever uses it (a CI pipeline, a service) will be refused from then on. Rotate it, or edit its expiry, here:",
    `${appOrigin()}/dashboard/organizations/api-keys/${token.publicId}`,
    "",
    "You receive this because you created the key or manage this organization.",
  ].join("\n");
  const deliveries = [];
  for (const to of emails) deliveries.push(await queueMail(tx, { to, subject, text, organizationId: token.organizationId }));
  await appendAuditEvent(tx, REMINDER_ACTOR, {
    organizationId: token.organizationId, action: "token.expiry.reminder", resourcePath: `/${token.organizationId}/tokens/${token.publicId}`,
    outcome: "SUCCESS", status: 200, metadata: { id: token.publicId, name: token.name, kind, recipients: emails.length },
  });
  return deliveries;
}
