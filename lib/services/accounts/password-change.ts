import "server-only";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { changePasswordSchema } from "@/lib/schemas/auth";
import { parseInput } from "@/lib/schemas/parse";
import { passwordPolicyIssue } from "@/lib/schemas/password-policy";
import type { RequestContext } from "../context";
import { requirePassword } from "../two-factor/reauthenticate";
import { appendUserEvent } from "../two-factor/user-events";
import { hashPassword } from "./password";
import { userActor } from "./accounts";

// Changing the password on the Account page: the current password proves it is the person; the new
// one follows the policy (lib/schemas/password-policy.ts); every other session is signed out, since
// whoever may have known the old password may be signed in elsewhere.

export async function changePassword(user: { id: string; email: string; sessionId: string }, input: unknown, context: RequestContext): Promise<{ sessions_signed_out: number }> {
  const { current_password, new_password } = parseInput(changePasswordSchema, input);
  const policy = passwordPolicyIssue(new_password, user.email);
  if (policy) throw new AppError("validation_failed", `new_password: ${policy}`, { details: [{ path: "new_password", message: policy }] });
  await requirePassword(user.id, current_password).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "unauthenticated") {
      throw new AppError("validation_failed", "current_password: Your current password is not correct.", { details: [{ path: "current_password", message: "Your current password is not correct." }] });
    }
    throw error;
  });
  const passwordHash = await hashPassword(new_password);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now }, select: { id: true } });
    const { count } = await tx.session.updateMany({ where: { userId: user.id, revokedAt: null, id: { not: user.sessionId } }, data: { revokedAt: now } });
    // A reset link asked for earlier must not undo this change.
    await tx.oneTimeCode.updateMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", consumedAt: null }, data: { consumedAt: now } });
    await appendUserEvent(tx, userActor(user, context), user.id, {
      action: "auth.password.changed", resourcePath: "/account/password", outcome: "SUCCESS", status: 200, metadata: { sessions_signed_out: count },
    });
    return { sessions_signed_out: count };
  });
}
