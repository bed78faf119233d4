import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ROLE_LABELS, type Role } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import type { Tx } from "@/lib/data/client";
import { appOrigin } from "@/lib/mail";
import { queueMail } from "../mail/outbox";

// The invitation email. The secret rides in the link's fragment (`#…`): browsers never send a
// fragment to the server, so it cannot end up in access logs, proxies or Referer headers. The
// accept page reads it in the browser and POSTs it.

export const INVITATION_DAYS = 7;

export const newInvitationSecret = () => randomBytes(32).toString("base64url");
export const hashInvitationSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function invitationLink(secret: string): string {
  return `${appOrigin()}/invitations/accept#${secret}`;
}

const formatDate = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Queues the email inside `tx`; returns the function that sends it once `tx` has committed. */
export async function queueInvitationMail(
  tx: Tx,
  context: ServiceContext,
  invitation: { email: string; role: Role; secret: string; expiresAt: Date },
): Promise<() => Promise<void>> {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: context.organizationId }, select: { name: true } });
  const inviter = context.actor.actorLabel;
  const text = [
    `${inviter} invited you to join ${organization.name} on DotEnv as ${ROLE_LABELS[invitation.role]}.`,
    "",
    `Accept the invitation (the link works once and expires on ${formatDate(invitation.expiresAt)}):`,
    invitationLink(invitation.secret),
    "",
    `Sign in, or create an account, with this address (${invitation.email}), then open the link.`,
    "If you did not expect this invitation, you can ignore this email.",
  ].join("\n");
  return queueMail(tx, { to: invitation.email, subject: `You're invited to ${organization.name} on DotEnv`, text, organizationId: context.organizationId });
}
