import "server-only";

// Outgoing email (docs/running.md#configuration): with SMTP_URL set, messages go out through that server (./smtp);
// without it, they land in the development outbox (lib/services/mail/outbox.ts), readable at
// /dashboard/outbox. Message bodies can hold invitation links, so nothing here ever logs a body,
// a recipient's link or the SMTP URL.

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
