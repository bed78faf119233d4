import "server-only";
import { ulid } from "ulid";
import type { Db, Tx } from "@/lib/data/client";
import { sendWithSmtp } from "./smtp";

// Outgoing email (SPEC §10): with SMTP_URL set, messages go out through that server; without it,
// they land in the development outbox (a table), readable at /dashboard/outbox. Message bodies can
// hold invitation links, so nothing here ever logs a body, a recipient's link or the SMTP URL.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The organization the message is sent for; its admins can read it in the development outbox. */
  organizationId: string | null;
}

export type MailMode = "smtp" | "outbox";

export function mailMode(): MailMode {
  return process.env.SMTP_URL?.trim() ? "smtp" : "outbox";
}

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

/** The newest messages sent for one organization (development outbox). */
export function listOutbox(db: Db, organizationId: string, limit = 50): Promise<OutboxEntry[]> {
  return db.outboxMessage.findMany({
    where: { organizationId, channel: "EMAIL" },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, recipient: true, subject: true, body: true, createdAt: true },
  });
}

/** Where links in messages point: NEXTAUTH_URL (the app's public origin). */
export function appOrigin(): string {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // fall through to the local default
    }
  }
  return `http://localhost:${process.env.PORT || 3000}`;
}
