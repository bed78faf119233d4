import "server-only";
import { newId } from "@/lib/data/ids";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { appOrigin } from "@/lib/mail";
import { passwordResetRequestSchema, passwordResetSchema } from "@/lib/schemas/auth";
import { parseInput } from "@/lib/schemas/parse";
import { passwordPolicyIssue } from "@/lib/schemas/password-policy";
import type { RequestContext } from "../context";
import { consumeRateLimit, TWO_FACTOR_LIMITS } from "../limits/rate-limit";
import { queueMail } from "../mail/outbox";
import { hashResetSecret, newResetSecret } from "../two-factor/codes";
import { appendUserEvent } from "../two-factor/user-events";
import { hashPassword } from "./password";
import { anonymousActor } from "./accounts";

// Password reset by email (docs/security.md#password-reset). The link carries a single-use secret
// valid 30 minutes, in its fragment (#…) so no server log or Referer ever sees it; only its hash is
// stored. Asking answers the same whether or not the address has an account. A reset signs every
// session out and does not sign in: the next sign-in still asks for the second factor.

export const RESET_LIFETIME_MS = 30 * 60 * 1000;
export const RESET_REQUESTED_MESSAGE = "If an account uses this address, we sent it a link to choose a new password. The link works once, for 30 minutes.";

export async function requestPasswordReset(input: unknown, context: RequestContext, now = new Date()): Promise<{ message: string }> {
  const { email } = parseInput(passwordResetRequestSchema, input);
  const limits = await Promise.all([
    consumeRateLimit(`reset:email:${email}`, TWO_FACTOR_LIMITS.resetsPerEmail),
    consumeRateLimit(`reset:ip:${context.ip ?? "unknown"}`, TWO_FACTOR_LIMITS.resetsPerIp),
  ]);
  const refused = limits.find((limit) => !limit.allowed);
  if (refused) throw new AppError("rate_limited", "Too many reset requests. Wait a while, then try again.", { retryAfter: refused.retryAfter });

  const db = await getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (user) {
    const secret = newResetSecret();
    const deliver = await db.$transaction(async (tx) => {
      await tx.oneTimeCode.updateMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", consumedAt: null }, data: { consumedAt: now } });
      await tx.oneTimeCode.create({
        data: { id: newId(), userId: user.id, purpose: "PASSWORD_RESET", codeHash: hashResetSecret(secret), expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS) },
        select: { id: true },
      });
      return queueMail(tx, {
        to: user.email, organizationId: null, subject: "Reset your DotEnv password",
        text: [
          "Someone (hopefully you) asked to reset the password of your DotEnv account.",
          "",
          "Choose a new password with this link (it works once, for 30 minutes):",
          `${appOrigin()}/reset-password#${secret}`,
          "",
          "If you did not ask for this, ignore this email: your password stays as it is.",
        ].join("\n"),
      });
    });
    // Not awaited: a slow mail server must not tell an observer that this address has an account.
    deliver().catch(() => {});
  }
  return { message: RESET_REQUESTED_MESSAGE };
}

export async function completePasswordReset(input: unknown, context: RequestContext, now = new Date()): Promise<{ message: string }> {
  const { token, password } = parseInput(passwordResetSchema, input);
  const db = await getDb();
  const invalid = () => new AppError("validation_failed", "This reset link is invalid, expired or already used. Ask for a new one.", { details: [{ path: "token", message: "Invalid or expired link." }] });
  const code = await db.oneTimeCode.findFirst({
    where: { codeHash: hashResetSecret(token), purpose: "PASSWORD_RESET", consumedAt: null, expiresAt: { gt: now } },
    select: { id: true, user: { select: { id: true, email: true } } },
  });
  if (!code) throw invalid();
  const policy = passwordPolicyIssue(password, code.user.email);
  if (policy) throw new AppError("validation_failed", `password: ${policy}`, { details: [{ path: "password", message: policy }] });
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const { count } = await tx.oneTimeCode.updateMany({ where: { id: code.id, consumedAt: null }, data: { consumedAt: now } });
    if (count !== 1) throw invalid();
    await tx.user.update({ where: { id: code.user.id }, data: { passwordHash, passwordChangedAt: now }, select: { id: true } });
    const sessions = await tx.session.updateMany({ where: { userId: code.user.id, revokedAt: null }, data: { revokedAt: now } });
    await appendUserEvent(tx, { ...anonymousActor(context), actorLabel: code.user.email }, code.user.id, {
      action: "auth.password.reset", resourcePath: "/reset-password", outcome: "SUCCESS", status: 200, metadata: { sessions_signed_out: sessions.count },
    });
  });
  return { message: "Your password was changed and every session was signed out. Sign in with the new password." };
}
