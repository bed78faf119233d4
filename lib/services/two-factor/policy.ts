import "server-only";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import type { SecurityPolicyUpdate } from "@/lib/schemas/two-factor";
import type { ServiceContext } from "../context";
import { auditChange, auditRead } from "../access/guard";
import { hasTwoFactor } from "./status";
import type { Tx } from "@/lib/data/client";
import { appOrigin } from "@/lib/mail";
import { queueMail } from "../mail/outbox";

// The organization's security policy (GET|PATCH /api/v1/{organization}/security-policy,
// docs/api.md#security-policy): require 2FA of every member after a grace period of 0–30 days.
// The grace period counts from when enforcement was switched on (enforced_from), so changing it
// later moves everyone's deadline alike: a shortened period applies to people who had been
// postponing too. Switching enforcement off and on again starts a new grace period.

const DAY_MS = 24 * 60 * 60 * 1000;

interface PolicyRow {
  enforceTwoFactor: boolean;
  gracePeriodDays: number;
  enforcedFrom: Date | null;
  graceEndsAt: Date | null;
}

function policyView(policy: PolicyRow | null) {
  const enforced = policy?.enforceTwoFactor ?? false;
  return {
    enforce_two_factor: enforced,
    grace_period_days: policy?.gracePeriodDays ?? 0,
    enforced_from: enforced ? (policy?.enforcedFrom ?? null) : null,
    grace_ends_at: enforced ? (policy?.graceEndsAt ?? null) : null,
  };
}

export type SecurityPolicyResult = ReturnType<typeof policyView>;

const POLICY_SELECT = { enforceTwoFactor: true, gracePeriodDays: true, enforcedFrom: true, graceEndsAt: true } as const;

export async function getSecurityPolicy(context: ServiceContext): Promise<SecurityPolicyResult> {
  const db = await getDb();
  const policy = await db.securityPolicy.findUnique({ where: { organizationId: context.organizationId }, select: POLICY_SELECT });
  await auditRead(context, "organization.security_policy.read");
  return policyView(policy);
}

export async function updateSecurityPolicy(context: ServiceContext, input: SecurityPolicyUpdate, now = new Date()): Promise<SecurityPolicyResult> {
  const db = await getDb();
  const { principal } = context;
  const { result, deliveries } = await db.$transaction(async (tx) => {
    const current = await tx.securityPolicy.findUnique({ where: { organizationId: context.organizationId }, select: POLICY_SELECT });
    const before = policyView(current);
    const enforce = input.enforce_two_factor ?? before.enforce_two_factor;
    const graceDays = input.grace_period_days ?? before.grace_period_days;
    const switchingOn = enforce && !before.enforce_two_factor;
    // Whoever switches it on must not lock themselves out. (An API key has no second factor to
    // have; it is the organization's key and enforcement never applies to it.)
    if (switchingOn && principal.kind === "user" && !(await hasTwoFactor(principal.userId, tx))) {
      throw new AppError("validation_failed", "Set up two-factor authentication on your own account (Account page) before requiring it of everyone.");
    }
    const enforcedFrom = enforce ? (switchingOn ? now : (current?.enforcedFrom ?? now)) : null;
    const data = {
      enforceTwoFactor: enforce, gracePeriodDays: graceDays, enforcedFrom,
      graceEndsAt: enforcedFrom ? new Date(enforcedFrom.getTime() + graceDays * DAY_MS) : null,
      updatedById: principal.kind === "user" ? principal.userId : null,
    };
    const saved = await tx.securityPolicy.upsert({
      where: { organizationId: context.organizationId }, create: { organizationId: context.organizationId, ...data }, update: data, select: POLICY_SELECT,
    });
    const after = policyView(saved);
    await auditChange(tx, context, "organization.security_policy.updated", 200, {
      enforce_two_factor: after.enforce_two_factor, grace_period_days: after.grace_period_days,
      previous: { enforce_two_factor: before.enforce_two_factor, grace_period_days: before.grace_period_days },
    });
    // Members without 2FA are told in advance, by email, when they lose access without it.
    const deliveries = switchingOn && data.graceEndsAt ? await noticeMembers(tx, context.organizationId, data.graceEndsAt) : [];
    return { result: after, deliveries };
  });
  await Promise.all(deliveries.map((deliver) => deliver().catch(() => {})));
  return result;
}

async function noticeMembers(tx: Tx, organizationId: string, graceEndsAt: Date) {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } });
  const members = await tx.membership.findMany({
    where: { organizationId, user: { twoFactorMethods: { none: { enabledAt: { not: null } } } } },
    select: { user: { select: { email: true } } },
  });
  const deadline = `${graceEndsAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return Promise.all(members.map(({ user }) => queueMail(tx, {
    to: user.email, organizationId, subject: `${organization.name} now requires two-factor authentication`,
    text: [
      `${organization.name} requires every member to use two-factor authentication on DotEnv.`,
      `Without it you lose access to ${organization.name} on ${deadline}.`,
      "",
      `Set it up on your Account page: ${appOrigin()}/dashboard/account`,
    ].join("\n"),
  })));
}
