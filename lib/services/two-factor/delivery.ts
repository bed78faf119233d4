import "server-only";
import { newId } from "@/lib/data/ids";
import type { Tx } from "@/lib/data/client";
import type { OneTimeCodePurpose } from "@/lib/data/generated/enums";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { queueMail, queueSms } from "../mail/outbox";
import { consumeRateLimit, TWO_FACTOR_LIMITS } from "../limits/rate-limit";
import { CODE_LIFETIME_MS, CODE_MAX_ATTEMPTS, hashOneTimeCode, newSixDigitCode, sameDigest } from "./codes";

// Codes sent by email or SMS: 6 digits, 10 minutes, single use, stored as an HMAC. A new code for
// the same method voids the earlier ones, so only the latest message counts.

export interface CodeMethod {
  id: string;
  type: "EMAIL" | "SMS";
  /** The SMS number; email codes go to the account's address. */
  phone: string | null;
}

export type CodeReason = "sign-in" | "enrolment" | "confirmation";

const PURPOSE: Record<CodeMethod["type"], OneTimeCodePurpose> = { EMAIL: "EMAIL_2FA", SMS: "SMS_2FA" };

const WHAT_FOR: Record<CodeReason, string> = {
  "sign-in": "to finish signing in to DotEnv",
  enrolment: "to turn on two-factor authentication on DotEnv",
  confirmation: "to confirm a change to your DotEnv account's security",
};

/** Sends a fresh code for `method` (at most 5 per user per 15 minutes); the send runs after the commit. */
export async function sendCode(user: { id: string; email: string }, method: CodeMethod, reason: CodeReason, now = new Date()): Promise<void> {
  const limit = await consumeRateLimit(`2fa:send:${user.id}`, TWO_FACTOR_LIMITS.codesSentPerUser);
  if (!limit.allowed) throw new AppError("rate_limited", "Too many codes were sent. Wait a few minutes, then ask for a new one.", { retryAfter: limit.retryAfter });
  const db = await getDb();
  const deliver = await db.$transaction(async (tx) => {
    await tx.oneTimeCode.updateMany({ where: { userId: user.id, methodId: method.id, consumedAt: null }, data: { consumedAt: now } });
    const id = newId();
    const code = newSixDigitCode();
    await tx.oneTimeCode.create({
      data: { id, userId: user.id, purpose: PURPOSE[method.type], methodId: method.id, codeHash: hashOneTimeCode(id, code), expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS) },
      select: { id: true },
    });
    return deliverCode(tx, user, method, code, reason);
  });
  await deliver();
}

function deliverCode(tx: Tx, user: { email: string }, method: CodeMethod, code: string, reason: CodeReason) {
  if (method.type === "SMS") {
    return queueSms(tx, { to: method.phone!, text: `${code} is your DotEnv code ${WHAT_FOR[reason]}. It expires in 10 minutes. Never share it.` });
  }
  const text = [
    `Your DotEnv code ${WHAT_FOR[reason]}:`,
    "",
    `    ${code}`,
    "",
    "It expires in 10 minutes and works once. If you did not ask for it, someone may know your password: change it on your Account page.",
  ].join("\n");
  return queueMail(tx, { to: user.email, subject: `${code} is your DotEnv code`, text, organizationId: null });
}

/** Uses up the latest code sent for `method` when `code` matches it; counts a wrong try otherwise. */
export async function claimCode(tx: Tx, userId: string, method: CodeMethod, code: string, now: Date): Promise<boolean> {
  const latest = await tx.oneTimeCode.findFirst({
    where: { userId, methodId: method.id, purpose: PURPOSE[method.type], consumedAt: null, expiresAt: { gt: now }, attempts: { lt: CODE_MAX_ATTEMPTS } },
    orderBy: { id: "desc" },
    select: { id: true, codeHash: true },
  });
  if (!latest) return false;
  if (!sameDigest(latest.codeHash, hashOneTimeCode(latest.id, code))) {
    await tx.oneTimeCode.update({ where: { id: latest.id }, data: { attempts: { increment: 1 } }, select: { id: true } });
    return false;
  }
  // Single use even under concurrency: only one claim can flip consumedAt.
  const { count } = await tx.oneTimeCode.updateMany({ where: { id: latest.id, consumedAt: null }, data: { consumedAt: now } });
  return count === 1;
}
