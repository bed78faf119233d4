import "server-only";
import { ulid } from "ulid";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { mailMode, type MailMessage } from "@/lib/mail";
import { sendWithSmtp } from "@/lib/mail/smtp";
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
    data: { id: ulid(), organizationId: message.organizationId, channel: "EMAIL", recipient: message.to, subject: message.subject, body: message.text },
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
