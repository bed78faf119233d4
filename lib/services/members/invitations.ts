import "server-only";
import { timingSafeEqual } from "node:crypto";
import { newId } from "@/lib/data/ids";
import { ROLE_LABELS, type Role } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import type { Db } from "@/lib/data/client";
import { isUniqueViolation } from "@/lib/data/errors";
import { AppError } from "@/lib/errors";
import { roleToApi } from "@/lib/schemas/members";
import type { AcceptInvitationInput } from "@/lib/schemas/invitations";
import { appendAuditEvent, recordAuditEvent, type AuditActor } from "../audit/record";
import { auditChange, auditRead } from "../access/guard";
import { notFound } from "../access/lookup";
import { INVITATION_DAYS, hashInvitationSecret, newInvitationSecret, queueInvitationMail } from "./invitation-mail";
import { requireOwner } from "./members";
import { getDb } from "@/lib/data/db";

// Pending invitations (list, revoke, resend) for whoever may add members, and accepting one: the
// invited person, signed in with the invited address, becomes a member with the invited role.
// Links are single use and expire after INVITATION_DAYS; a resend replaces the secret.


const pendingWhere = (context: ServiceContext) => ({ organizationId: context.organizationId, acceptedAt: null, revokedAt: null });

interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
  invitedById: string | null;
}

const INVITATION_SELECT = { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedById: true } as const;

async function invitationView(db: Db, rows: InvitationRow[]) {
  const inviterIds = [...new Set(rows.flatMap((row) => (row.invitedById ? [row.invitedById] : [])))];
  const inviters = inviterIds.length ? await db.user.findMany({ where: { id: { in: inviterIds } }, select: { id: true, email: true } }) : [];
  const now = Date.now();
  return rows.map((row) => ({
    id: row.id, email: row.email, role: roleToApi(row.role), status: row.expiresAt.getTime() > now ? ("pending" as const) : ("expired" as const),
    invited_by: inviters.find((user) => user.id === row.invitedById) ?? null, expires_at: row.expiresAt, created_at: row.createdAt,
  }));
}

/** Invitations not yet accepted or revoked (expired ones included, so they can be resent), newest first. */
export async function listInvitations(context: ServiceContext) {
  const db = await getDb();
  const rows = await db.invitation.findMany({ where: pendingWhere(context), orderBy: { id: "desc" }, take: 200, select: INVITATION_SELECT });
  await auditRead(context, "member.invitation.list", { count: rows.length });
  return invitationView(db, rows);
}

async function findPending(context: ServiceContext, id: string): Promise<InvitationRow> {
  const db = await getDb();
  const row = await db.invitation.findFirst({ where: { id, ...pendingWhere(context) }, select: INVITATION_SELECT });
  if (!row) throw notFound();
  return row;
}

export async function revokeInvitation(context: ServiceContext, id: string): Promise<void> {
  const db = await getDb();
  const row = await findPending(context, id);
  if (row.role === "OWNER") await requireOwner(context, "member.invitation.revoke");
  await db.$transaction(async (tx) => {
    const revoked = await tx.invitation.updateMany({ where: { id: row.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count === 0) throw notFound();
    await auditChange(tx, context, "member.invitation.revoke", 204, { email: row.email, role: roleToApi(row.role) });
  });
}

/** A new link (the old one stops working) valid for another INVITATION_DAYS, sent again. */
export async function resendInvitation(context: ServiceContext, id: string) {
  const db = await getDb();
  const row = await findPending(context, id);
  if (row.role === "OWNER") await requireOwner(context, "member.invitation.resend");
  const secret = newInvitationSecret();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const send = await db.$transaction(async (tx) => {
    const updated = await tx.invitation.updateMany({
      where: { id: row.id, acceptedAt: null, revokedAt: null }, data: { tokenHash: hashInvitationSecret(secret), expiresAt },
    });
    if (updated.count === 0) throw notFound();
    await auditChange(tx, context, "member.invitation.resend", 200, { email: row.email, role: roleToApi(row.role) });
    return queueInvitationMail(tx, context, { email: row.email, role: row.role, secret, expiresAt });
  });
  await send();
  return (await invitationView(db, [{ ...row, expiresAt }]))[0]!;
}

// ------------------------------------------------------------------------------------------------
// Accepting. The caller is a signed-in person (not an API key: keys belong to an organization).

export interface InvitationAcceptor {
  userId: string;
  email: string;
}

export type InvitationProblem = "unknown" | "expired" | "revoked" | "accepted" | "wrong_account";

const PROBLEMS: Record<Exclude<InvitationProblem, "wrong_account">, { code: "not_found" | "validation_failed"; message: string }> = {
  unknown: { code: "not_found", message: "This invitation link is not valid. Check that you opened the whole link, or ask for a new invitation." },
  expired: { code: "validation_failed", message: "This invitation has expired. Ask an administrator of the organization to send a new one." },
  revoked: { code: "validation_failed", message: "This invitation was withdrawn (or replaced by a newer one). Use the newest email, or ask for a new invitation." },
  accepted: { code: "validation_failed", message: "This invitation has already been used. If it was you, the organization is in your dashboard." },
};

/** "g•••@example.com": enough to recognise one's own address, not enough to harvest it. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}${"•".repeat(Math.max(1, Math.min(local.length - 1, 6)))}@${domain}`;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export async function acceptInvitation(acceptor: InvitationAcceptor, actor: AuditActor, input: AcceptInvitationInput) {
  const db = await getDb();
  const tokenHash = hashInvitationSecret(input.secret);
  const invitation = await db.invitation.findUnique({
    where: { tokenHash },
    select: { ...INVITATION_SELECT, tokenHash: true, organizationId: true, acceptedAt: true, revokedAt: true, organization: { select: { name: true } } },
  });
  const refuse = async (problem: InvitationProblem, organizationId: string | null, error: AppError): Promise<never> => {
    await recordAuditEvent(actor, {
      organizationId, action: "member.invitation.accept", resourcePath: "/invitations/accept", outcome: "DENIED", status: error.status,
      metadata: { reason: problem, ...(invitation ? { invitation_id: invitation.id } : {}) },
    });
    throw error;
  };
  const problem = (kind: Exclude<InvitationProblem, "wrong_account">) =>
    refuse(kind, invitation?.organizationId ?? null, new AppError(PROBLEMS[kind].code, PROBLEMS[kind].message, { details: { reason: kind } }));

  if (!invitation || !sameHash(invitation.tokenHash, tokenHash)) return problem("unknown");
  if (invitation.acceptedAt) return problem("accepted");
  if (invitation.revokedAt) return problem("revoked");
  if (invitation.expiresAt.getTime() <= Date.now()) return problem("expired");
  if (invitation.email.toLowerCase() !== acceptor.email.toLowerCase()) {
    return refuse(
      "wrong_account", invitation.organizationId,
      new AppError(
        "insufficient_permissions",
        `This invitation was sent to ${maskEmail(invitation.email)}, but you are signed in as ${acceptor.email}. Sign out, then sign in (or sign up) with the invited address and open the link again.`,
        { details: { reason: "wrong_account" } },
      ),
    );
  }

  const organization = { id: invitation.organizationId, name: invitation.organization.name };
  try {
    return await db.$transaction(async (tx) => {
      // Conditional on still being usable, so two concurrent accepts cannot both pass.
      const taken = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, data: { acceptedAt: new Date() },
      });
      if (taken.count === 0) throw new AppError("validation_failed", PROBLEMS.accepted.message, { details: { reason: "accepted" } });
      await tx.membership.create({ data: { id: newId(), organizationId: organization.id, userId: acceptor.userId, role: invitation.role }, select: { id: true } });
      await appendAuditEvent(tx, actor, {
        organizationId: organization.id, action: "member.invitation.accept", resourcePath: `/${organization.id}/members`, outcome: "SUCCESS", status: 200,
        metadata: { invitation_id: invitation.id, user_id: acceptor.userId, email: invitation.email, role: roleToApi(invitation.role) },
      });
      return { status: "accepted" as const, organization, role: roleToApi(invitation.role), role_label: ROLE_LABELS[invitation.role] };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Already a member (added directly meanwhile): the invitation is used up; the role stays.
    const membership = await db.$transaction(async (tx) => {
      await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
      await appendAuditEvent(tx, actor, {
        organizationId: organization.id, action: "member.invitation.accept", resourcePath: `/${organization.id}/members`, outcome: "SUCCESS", status: 200,
        metadata: { invitation_id: invitation.id, user_id: acceptor.userId, email: invitation.email, already_member: true },
      });
      return tx.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: organization.id, userId: acceptor.userId } }, select: { role: true } });
    });
    return { status: "already_member" as const, organization, role: roleToApi(membership.role), role_label: ROLE_LABELS[membership.role] };
  }
}
