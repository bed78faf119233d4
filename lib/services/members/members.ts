import "server-only";
import { newId } from "@/lib/data/ids";
import { isAllowAll, type Role } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import type { Tx } from "@/lib/data/client";
import { AppError } from "@/lib/errors";
import { roleToApi, type CreateMemberInput, type UpdateMemberInput } from "@/lib/schemas/members";
import { recordAuditEvent } from "../audit/record";
import { auditChange, auditRead } from "../access/guard";
import { notFound } from "../access/lookup";
import { INVITATION_DAYS, hashInvitationSecret, newInvitationSecret, queueInvitationMail } from "./invitation-mail";
import { pageArgs, pageOf } from "../shared/pagination";
import { getDb } from "@/lib/data/db";

// Members and invitations (docs/permissions.md#permission-catalog, docs/api.md#management). Principals are rebuilt on every request, so a removed
// member or a lowered role takes effect on the very next one; nothing here needs invalidating.
//
// The Owner role is guarded twice: only an Owner may grant it, change an Owner's role or remove an
// Owner, and the last Owner can be neither demoted nor removed. A key counts as an Owner only when
// it holds every permission unscoped: nobody but an Owner (or such a key) can mint one, because
// only the Owner role includes billing:* and organization:delete.

const MEMBER_SELECT = (organizationId: string) => ({
  id: true, role: true, createdAt: true,
  user: {
    select: {
      id: true, email: true, name: true, teamMemberships: { where: { team: { organizationId } }, select: { team: { select: { slug: true } } } },
      twoFactorMethods: { where: { enabledAt: { not: null } }, select: { id: true }, take: 1 },
    },
  },
}) as const;

interface MemberRow {
  id: string;
  role: Role;
  createdAt: Date;
  user: { id: string; email: string; name: string; teamMemberships: { team: { slug: string } }[]; twoFactorMethods: { id: string }[] };
}

function memberView(row: MemberRow) {
  return {
    id: row.id, user: { id: row.user.id, email: row.user.email, name: row.user.name }, role: roleToApi(row.role),
    teams: row.user.teamMemberships.map((membership) => membership.team.slug).sort(), created_at: row.createdAt,
    two_factor_enabled: row.user.twoFactorMethods.length > 0,
  };
}


function actsAsOwner(context: ServiceContext): boolean {
  const { principal } = context;
  return principal.kind === "user" ? principal.role === "OWNER" : isAllowAll(principal.grants);
}

export async function requireOwner(context: ServiceContext, action: string): Promise<void> {
  if (actsAsOwner(context)) return;
  await recordAuditEvent(context.actor, {
    organizationId: context.organizationId, action, resourcePath: context.path, outcome: "DENIED", status: 403, metadata: { reason: "owner_only" },
  });
  throw new AppError("insufficient_permissions", "Only an Owner may grant the Owner role, change an Owner's role or remove an Owner.");
}

/**
 * Locks the membership and every Owner membership (in id order, so concurrent changes cannot
 * deadlock), then checks the role is still the one the caller's permission was judged on and that
 * demoting or removing it leaves another Owner. Two concurrent demotions cannot both pass.
 */
async function lockMembership(tx: Tx, organizationId: string, row: MemberRow, { leavesOwnerRole }: { leavesOwnerRole: boolean }): Promise<void> {
  const locked = await tx.$queryRaw<{ id: string; role: Role }[]>`
    SELECT "id", "role"::text AS "role" FROM "Membership"
    WHERE "organizationId" = ${organizationId} AND ("role" = 'OWNER' OR "id" = ${row.id})
    ORDER BY "id" FOR UPDATE`;
  const current = locked.find((membership) => membership.id === row.id);
  if (!current) throw notFound();
  if (current.role !== row.role) throw new AppError("version_conflict", "This member's role changed meanwhile; read it again.");
  if (leavesOwnerRole && !locked.some((membership) => membership.role === "OWNER" && membership.id !== row.id)) {
    throw new AppError("validation_failed", "An organization needs at least one Owner: make someone else an Owner first.");
  }
}

export async function listMembers(context: ServiceContext, query: { cursor?: string; limit?: number }) {
  const db = await getDb();
  const rows = await db.membership.findMany({
    where: { organizationId: context.organizationId }, select: MEMBER_SELECT(context.organizationId), orderBy: { id: "asc" }, ...pageArgs(query),
  });
  const page = pageOf(rows, query);
  await auditRead(context, "member.list", { count: page.items.length });
  return { data: page.items.map(memberView), meta: { next_cursor: page.next_cursor } };
}

/**
 * Adding a person is always an invitation they accept (7 days), whether or not the address has an
 * account here or elsewhere: nobody becomes a member without consent, and the answer is the same
 * either way, so it tells nothing about other organizations' users. Only an address that is
 * already a member of this very organization (which its admins can list anyway) is refused.
 */
export async function addMember(context: ServiceContext, input: CreateMemberInput) {
  if (input.role === "OWNER") await requireOwner(context, "member.create");
  const db = await getDb();
  const existing = await db.membership.findFirst({ where: { organizationId: context.organizationId, user: { email: input.email } }, select: { id: true } });
  if (existing) throw new AppError("already_exists", "That address is already a member of this organization.");
  return invite(context, input);
}

async function invite(context: ServiceContext, input: CreateMemberInput) {
  const db = await getDb();
  // Only the secret's hash is kept. The link carrying it is delivered by mail (outbox/SMTP); it is
  // never part of an API response or an audit record.
  const secret = newInvitationSecret();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const send = await db.$transaction(async (tx) => {
    // A new invitation replaces any earlier pending one for the same address.
    await tx.invitation.updateMany({
      where: { organizationId: context.organizationId, email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() },
    });
    await tx.invitation.create({
      data: {
        id: newId(), organizationId: context.organizationId, email: input.email, role: input.role, expiresAt,
        tokenHash: hashInvitationSecret(secret),
        invitedById: context.principal.kind === "user" ? context.principal.userId : null,
      },
      select: { id: true },
    });
    await auditChange(tx, context, "member.invite", 201, { email: input.email, role: roleToApi(input.role) });
    return queueInvitationMail(tx, context, { email: input.email, role: input.role, secret, expiresAt });
  });
  await send();
  return { status: "invited" as const, email: input.email, role: roleToApi(input.role), expires_at: expiresAt };
}

async function findMembership(context: ServiceContext, id: string): Promise<MemberRow> {
  const db = await getDb();
  const row = await db.membership.findFirst({ where: { id, organizationId: context.organizationId }, select: MEMBER_SELECT(context.organizationId) });
  if (!row) throw notFound();
  return row;
}

export async function changeMemberRole(context: ServiceContext, id: string, input: UpdateMemberInput) {
  const db = await getDb();
  const row = await findMembership(context, id);
  if (row.role === "OWNER" || input.role === "OWNER") await requireOwner(context, "member.update");
  await db.$transaction(async (tx) => {
    await lockMembership(tx, context.organizationId, row, { leavesOwnerRole: row.role === "OWNER" && input.role !== "OWNER" });
    await tx.membership.update({ where: { id: row.id }, data: { role: input.role }, select: { id: true } });
    await auditChange(tx, context, "member.update", 200, {
      user_id: row.user.id, email: row.user.email, from: roleToApi(row.role), to: roleToApi(input.role),
    });
  });
  return memberView({ ...row, role: input.role });
}

/** Removes the membership and the user's places in this organization's teams. Keys they made stay:
 * they belong to the organization (revoke them separately). */
export async function removeMember(context: ServiceContext, id: string): Promise<void> {
  const db = await getDb();
  const row = await findMembership(context, id);
  if (row.role === "OWNER") await requireOwner(context, "member.delete");
  await db.$transaction(async (tx) => {
    await lockMembership(tx, context.organizationId, row, { leavesOwnerRole: row.role === "OWNER" });
    await tx.teamMember.deleteMany({ where: { userId: row.user.id, team: { organizationId: context.organizationId } } });
    await tx.membership.delete({ where: { id: row.id }, select: { id: true } });
    await auditChange(tx, context, "member.delete", 204, { user_id: row.user.id, email: row.user.email, role: roleToApi(row.role) });
  });
}
