import "server-only";
import { newId } from "@/lib/data/ids";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { mailMode, type MailMessage } from "@/lib/mail";
import { sendWithSmtp } from "@/lib/mail/smtp";
import { sendSms, smsMode, type SmsMessage } from "@/lib/mail/sms";
import { auditRead } from "../access/guard";
import type { ServiceContext } from "../context";

// The development outbox: without SMTP_URL, messages are kept in a table and shown to people who
// may invite at /dashboard/outbox, instead of being sent.

/**
 * Stores a message in the outbox inside `tx` (so it commits with the change that caused it), or,
 * with SMTP configured, returns a function that sends it — to be called after the commit, so a
 * rolled-back change never sends mail.
 */
export async function queueMail(tx: Tx, message: MailMessage): Promise<() => Promise<void>> {
  if (mailMode() === "smtp") return () => sendWithSmtp(message);
  await tx.outboxMessage.create({
    data: { id: newId(), organizationId: message.organizationId, channel: "EMAIL", recipient: message.to, subject: message.subject, body: message.text },
    select: { id: true },
  });
  return async () => {};
}

/** As queueMail, for a text message (sign-in codes); SMS_PROVIDER unset keeps it in the outbox. */
export async function queueSms(tx: Tx, message: SmsMessage): Promise<() => Promise<void>> {
  if (smsMode() !== "outbox") return () => sendSms(message);
  await tx.outboxMessage.create({
    data: { id: newId(), organizationId: null, channel: "SMS", recipient: message.to, subject: "Text message", body: message.text },
    select: { id: true },
  });
  return async () => {};
}

export interface OutboxEntry {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
}

/** The newest messages sent for the caller's organization (development outbox); the reading is audited. */
export async function readOutbox(context: ServiceContext, limit = 50): Promise<OutboxEntry[]> {
  const db = await getDb();
  const messages = await db.outboxMessage.findMany({
    where: { organizationId: context.organizationId, channel: "EMAIL" },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, recipient: true, subject: true, body: true, createdAt: true },
  });
  await auditRead(context, "mail.outbox.read", { count: messages.length });
  return messages;
}

export interface PersonalMessage extends OutboxEntry {
  channel: "EMAIL" | "SMS";
}

/**
 * The development outbox's personal messages (sign-in codes, reset links, notices) addressed to
 * one person: their email and their phone numbers. Shown only to that person (docs/security.md#development-outbox).
 */
export async function readPersonalOutbox(recipients: string[], { since, limit = 20 }: { since?: Date; limit?: number } = {}): Promise<PersonalMessage[]> {
  if (recipients.length === 0) return [];
  const db = await getDb();
  return db.outboxMessage.findMany({
    where: { organizationId: null, recipient: { in: recipients }, ...(since ? { createdAt: { gte: since } } : {}) },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, channel: true, recipient: true, subject: true, body: true, createdAt: true },
  });
}
