import "server-only";
import { unwrapSecret } from "@/lib/crypto";
import { loadMasterKey } from "@/lib/config/master-key";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import type { SecondFactorInput } from "@/lib/schemas/two-factor";
import { appOrigin } from "@/lib/mail";
import type { AuditActor } from "../audit/record";
import { consumeRateLimit, refundRateLimit, TWO_FACTOR_LIMITS } from "../limits/rate-limit";
import { queueMail } from "../mail/outbox";
import { hashRecoveryCode } from "./codes";
import { claimCode } from "./delivery";
import { acceptedTotpStep, totpContext } from "./totp";
import { appendUserEvent, recordUserEvent } from "./user-events";

// Checking a second factor, for the sign-in challenge and for re-authentication. Every attempt is
// counted against the person's limit first (5 wrong codes per 15 minutes, docs/security.md#rate-limits)
// and given back when it succeeds, so concurrent guesses cannot slip past the limit. Each wrong
// code is audited (auth.2fa.challenge.failed) in every organization of the person.

export type FactorStage = "sign-in" | "reauthentication";

export interface FactorUser {
  id: string;
  email: string;
}

export async function verifySecondFactor(
  user: FactorUser, input: SecondFactorInput, actor: AuditActor, { stage, now = new Date(), resourcePath }: { stage: FactorStage; now?: Date; resourcePath: string },
): Promise<{ method: SecondFactorInput["method"] }> {
  const key = `2fa:user:${user.id}`;
  const limit = await consumeRateLimit(key, TWO_FACTOR_LIMITS.wrongCodesPerUser);
  const failure = { action: "auth.2fa.challenge.failed", resourcePath, outcome: "DENIED" as const, metadata: { method: input.method, stage } };
  if (!limit.allowed) {
    await recordUserEvent(actor, user.id, { ...failure, status: 429, metadata: { ...failure.metadata, reason: "rate_limited" } });
    throw new AppError("rate_limited", "Too many wrong codes. Wait a few minutes before trying again.", { retryAfter: limit.retryAfter });
  }
  const accepted = input.method === "recovery" ? await spendRecoveryCode(user, input.code, actor, resourcePath, now) : await checkMethodCode(user.id, input, now);
  if (accepted) {
    await refundRateLimit(key);
    return { method: input.method };
  }
  await recordUserEvent(actor, user.id, { ...failure, status: 401, metadata: { ...failure.metadata, reason: "wrong_code" } });
  throw new AppError("unauthenticated", wrongCodeMessage(input.method));
}

function wrongCodeMessage(method: SecondFactorInput["method"]): string {
  if (method === "recovery") return "That recovery code is not valid or was already used.";
  if (method === "totp") return "Invalid code. Enter the current code from your authenticator app (each code works once).";
  return "Invalid or expired code. Ask for a new one if it is older than 10 minutes.";
}

async function checkMethodCode(userId: string, input: Exclude<SecondFactorInput, { method: "recovery" }>, now: Date): Promise<boolean> {
  const db = await getDb();
  const type = input.method === "totp" ? "TOTP" : input.method === "email" ? "EMAIL" : "SMS";
  const method = await db.twoFactorMethod.findFirst({
    where: { userId, type, enabledAt: { not: null } },
    select: { id: true, type: true, phone: true, secretEncrypted: true, lastUsedStep: true },
  });
  if (!method) return false;
  if (method.type === "TOTP") return claimTotpStep(method, input.code, now);
  return db.$transaction((tx) => claimCode(tx, userId, { id: method.id, type: method.type as "EMAIL" | "SMS", phone: method.phone }, input.code, now));
}

/** Accepts a TOTP code at most once: the step is stored only if it is newer than the last one. */
export async function claimTotpStep(method: { id: string; secretEncrypted: string | null; lastUsedStep: bigint | null }, code: string, now: Date): Promise<boolean> {
  if (!method.secretEncrypted) return false;
  const secret = await unwrapSecret(await loadMasterKey(), method.secretEncrypted, totpContext(method.id));
  const step = await acceptedTotpStep(secret, code, method.lastUsedStep, now);
  if (step === null) return false;
  const db = await getDb();
  const { count } = await db.twoFactorMethod.updateMany({
    where: { id: method.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: BigInt(step) } }] },
    data: { lastUsedStep: BigInt(step) },
  });
  return count === 1;
}

/** A recovery code works once; the person is told by email that one was used (and how many remain). */
async function spendRecoveryCode(user: FactorUser, code: string, actor: AuditActor, resourcePath: string, now: Date): Promise<boolean> {
  const db = await getDb();
  const deliver = await db.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({ where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
    if (count !== 1) return null;
    const remaining = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
    await appendUserEvent(tx, actor, user.id, { action: "auth.recovery_code.used", resourcePath, outcome: "SUCCESS", status: 200, metadata: { remaining } });
    return queueMail(tx, {
      to: user.email, organizationId: null, subject: "A DotEnv recovery code was used",
      text: [
        `A recovery code of your DotEnv account was used at ${now.toISOString().slice(0, 16).replace("T", " ")} UTC${actor.ip ? ` from ${actor.ip}` : ""}.`,
        `${remaining} of your recovery codes remain.`,
        "",
        `If this was not you, change your password and review your two-factor methods: ${appOrigin()}/dashboard/account`,
      ].join("\n"),
    });
  });
  if (!deliver) return false;
  await deliver();
  return true;
}
