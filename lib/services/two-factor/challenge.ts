import "server-only";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { secondFactorSchema, sendCodeSchema, type TwoFactorMethodType } from "@/lib/schemas/two-factor";
import type { AuditActor } from "../audit/record";
import { SESSION_LIFETIME_SECONDS } from "../accounts/accounts";
import { maskPhone, sendMethodCode } from "./methods";
import { appendUserEvent } from "./user-events";
import { verifySecondFactor } from "./verify";

// The second step of signing in (docs/security.md#two-factor-authentication). The password opened
// a pending session; a correct code (or a recovery code) turns it into a full one, which then
// lasts the usual 30 days. Nothing else is possible meanwhile.

const CHALLENGE_PATH = "/login/two-factor";

export interface PendingSession {
  sessionId: string;
  user: { id: string; email: string };
}

/** What the challenge page offers: the person's methods (numbers masked) and their recovery codes. */
export async function challengeOptions(userId: string) {
  const db = await getDb();
  const [methods, recoveryCodes] = await Promise.all([
    db.twoFactorMethod.findMany({ where: { userId, enabledAt: { not: null } }, select: { type: true, phone: true, label: true }, orderBy: { enabledAt: "asc" } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  const TYPES = { TOTP: "totp", EMAIL: "email", SMS: "sms" } as const;
  return {
    methods: methods.map((method) => ({
      type: TYPES[method.type] as TwoFactorMethodType,
      detail: method.type === "SMS" ? maskPhone(method.phone ?? "") : method.type === "EMAIL" ? (method.label ?? "") : "Authenticator app",
    })),
    recovery_codes_remaining: recoveryCodes,
  };
}

export async function sendChallengeCode(session: PendingSession, input: unknown) {
  const { method } = parseInput(sendCodeSchema, input);
  return sendMethodCode(session.user, method, "sign-in");
}

/** A correct second factor completes the sign-in: the session becomes a full one. */
export async function completeChallenge(session: PendingSession, input: unknown, actor: AuditActor, now = new Date()) {
  const factor = parseInput(secondFactorSchema, input);
  const { method } = await verifySecondFactor(session.user, factor, actor, { stage: "sign-in", now, resourcePath: CHALLENGE_PATH });
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: session.sessionId, userId: session.user.id, secondFactorPassed: false, revokedAt: null, expiresAt: { gt: now } },
      data: { secondFactorPassed: true, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_SECONDS * 1000), lastSeenAt: now },
    });
    if (count !== 1) throw new AppError("unauthenticated", "This sign-in has expired. Sign in again.");
    await appendUserEvent(tx, actor, session.user.id, { action: "auth.login.succeeded", resourcePath: "/login", outcome: "SUCCESS", status: 200, metadata: { second_factor: method } });
  });
  return { method };
}
