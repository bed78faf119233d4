import "server-only";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import type { ReauthenticationInput } from "@/lib/schemas/two-factor";
import type { AuditActor } from "../audit/record";
import { verifyPassword } from "../accounts/password";
import { consumeRateLimit, refundRateLimit, TWO_FACTOR_LIMITS } from "../limits/rate-limit";
import { verifySecondFactor } from "./verify";

// Proving it is really the person before a security change (removing a 2FA method, regenerating
// recovery codes): the password, then a current second factor. Wrong passwords count against their
// own limit, wrong codes against the 2FA limit.

export async function reauthenticate(user: { id: string; email: string }, input: ReauthenticationInput, actor: AuditActor, now = new Date()): Promise<void> {
  await requirePassword(user.id, input.password);
  await verifySecondFactor(user, input.second_factor, actor, { stage: "reauthentication", now, resourcePath: "/account/two-factor" });
}

/** The account's current password, checked at most 10 times per 15 minutes. */
export async function requirePassword(userId: string, password: string): Promise<void> {
  const key = `password:user:${userId}`;
  const limit = await consumeRateLimit(key, TWO_FACTOR_LIMITS.passwordChecksPerUser);
  if (!limit.allowed) throw new AppError("rate_limited", "Too many password attempts. Wait a few minutes.", { retryAfter: limit.retryAfter });
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("unauthenticated", "Your password is not correct.", { details: [{ path: "password", message: "Your password is not correct." }] });
  }
  await refundRateLimit(key);
}
