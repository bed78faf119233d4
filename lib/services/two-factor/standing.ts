import "server-only";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent, type AuditActor } from "../audit/record";
import { hasTwoFactor } from "./status";

// Where a person stands with an organization's 2FA enforcement, at a given moment (`now` is a
// parameter so the enforcement timeline is tested with a controlled clock, never an environment
// switch). Checked on every request of a person — pages, server actions, session API calls — so a
// lapsed grace period takes effect on the very next one, and enrolling restores access at once.
// API keys are organization keys and are never affected.

export type TwoFactorStanding =
  | { state: "clear" }
  | { state: "grace"; organizationName: string; graceEndsAt: Date }
  | { state: "restricted"; organizationName: string; graceEndsAt: Date };

export async function twoFactorStanding(userId: string, organizationId: string, now = new Date()): Promise<TwoFactorStanding> {
  const db = await getDb();
  const policy = await db.securityPolicy.findUnique({
    where: { organizationId },
    select: { enforceTwoFactor: true, graceEndsAt: true, organization: { select: { name: true } } },
  });
  if (!policy?.enforceTwoFactor || !policy.graceEndsAt) return { state: "clear" };
  if (await hasTwoFactor(userId)) return { state: "clear" };
  const organizationName = policy.organization.name;
  return now < policy.graceEndsAt ? { state: "grace", organizationName, graceEndsAt: policy.graceEndsAt } : { state: "restricted", organizationName, graceEndsAt: policy.graceEndsAt };
}

export function twoFactorRequiredError(organizationName: string): AppError {
  return new AppError(
    "two_factor_required",
    `${organizationName} requires two-factor authentication. Set it up on your Account page (/dashboard/account) to regain access.`,
  );
}

/** Refuses (403 two_factor_required, audited) a person whose grace period in this organization is over. */
export async function requireTwoFactorStanding(actor: AuditActor, userId: string, organizationId: string, resourcePath: string, now = new Date()): Promise<void> {
  const standing = await twoFactorStanding(userId, organizationId, now);
  if (standing.state !== "restricted") return;
  await recordAuditEvent(actor, { organizationId, action: "auth.2fa.required", resourcePath, outcome: "DENIED", status: 403, metadata: { reason: "two_factor_required" } });
  throw twoFactorRequiredError(standing.organizationName);
}
