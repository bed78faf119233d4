import "server-only";
import { ulid } from "ulid";
import { hashPassword, verifyPassword } from "@/lib/services/accounts/password";
import { getDb } from "@/lib/data/db";
import { isUniqueViolation } from "@/lib/data/errors";
import { AppError } from "@/lib/errors";
import { signInSchema, signUpSchema } from "@/lib/schemas/auth";
import { appendAuditEvent, recordAuditEvent, type AuditActor } from "../audit/record";
import { consumeRateLimit, SIGN_IN_LIMITS } from "../limits/rate-limit";
import { recordUnauthenticatedRefusal } from "../audit/refusals";
import { parseInput } from "@/lib/schemas/parse";
import type { RequestContext } from "../context";

export const SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

export async function signUp(input: unknown, context: RequestContext) {
  const { name, email, password } = parseInput(signUpSchema, input);
  const db = await getDb();
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { id: ulid(), name, email, passwordHash }, select: { id: true, email: true, name: true } });
      await appendAuditEvent(tx, userActor(user, context), {
        organizationId: null, action: "auth.signup", resourcePath: `/users/${user.id}`, outcome: "SUCCESS", status: 201,
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("already_exists", "An account with this email already exists. Sign in instead.");
    throw error;
  }
}

/** Checks a password and opens a server-side session. Unknown emails cost the same as wrong passwords. */
export async function signIn(input: unknown, context: RequestContext): Promise<{ userId: string; sessionId: string }> {
  const parsed = signInSchema.safeParse(input);
  const db = await getDb();
  const email = parsed.success ? parsed.data.email : "";
  await enforceSignInLimits(email, context);

  const user = parsed.success
    ? await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } })
    : null;
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, parsed.success ? parsed.data.password : "");
  if (!user || !passwordOk) {
    // An unknown email names nobody: counted per address and minute like a bad API key, one audit
    // event per window (lib/services/audit/refusals.ts). A wrong password is recorded on its own.
    if (!user) {
      await recordUnauthenticatedRefusal(anonymousActor(context), { action: "auth.login.failed", resourcePath: "/login", reason: "unknown_user", status: 401 });
    } else {
      await recordAuditEvent(anonymousActor(context), {
        organizationId: null, action: "auth.login.failed", resourcePath: "/login", outcome: "DENIED", status: 401, metadata: { reason: "wrong_password" },
      });
    }
    throw new AppError("unauthenticated", "Incorrect email or password.");
  }
  const sessionId = ulid();
  await db.$transaction(async (tx) => {
    await tx.session.create({
      data: {
        id: sessionId, userId: user.id, ip: context.ip, userAgent: context.userAgent?.slice(0, 512),
        expiresAt: new Date(Date.now() + SESSION_LIFETIME_SECONDS * 1000),
      },
    });
    await appendAuditEvent(tx, userActor(user, context), {
      organizationId: null, action: "auth.login", resourcePath: `/users/${user.id}`, outcome: "SUCCESS", status: 200,
    });
  });
  return { userId: user.id, sessionId };
}

async function enforceSignInLimits(email: string, context: RequestContext) {
  const checks = [consumeRateLimit(`signin:ip:${context.ip ?? "unknown"}`, SIGN_IN_LIMITS.perIp)];
  if (email) checks.push(consumeRateLimit(`signin:email:${email}`, SIGN_IN_LIMITS.perEmail));
  const results = await Promise.all(checks);
  const refused = results.find((result) => !result.allowed);
  if (refused) {
    throw new AppError("rate_limited", "Too many sign-in attempts. Try again later.", { retryAfter: refused.retryAfter });
  }
}

/** The session's user while it is neither revoked nor expired; null otherwise. */
export async function findActiveSession(sessionId: string) {
  const db = await getDb();
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { id: true, revokedAt: true, expiresAt: true, secondFactorPassed: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || !session.secondFactorPassed) return null;
  // Touch at most once a minute: "last active" for the sessions list without a write per request.
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
  }
  return { sessionId: session.id, user: session.user };
}

export async function revokeSession(sessionId: string): Promise<void> {
  const db = await getDb();
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** "Sign out everywhere": every session of the user ends on its next request. */
export async function revokeAllSessions(userId: string, context: RequestContext): Promise<number> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true } });
    await appendAuditEvent(tx, userActor(user, context), {
      organizationId: null, action: "auth.sessions.revoke_all", resourcePath: `/users/${userId}`, outcome: "SUCCESS", status: 200,
      metadata: { sessions: count },
    });
    return count;
  });
}

export async function listActiveSessions(userId: string) {
  const db = await getDb();
  return db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
  });
}

export function userActor(user: { id: string; email: string }, context: RequestContext): AuditActor {
  return { actorType: "USER", actorId: user.id, actorLabel: user.email, source: "DASHBOARD", ip: context.ip, userAgent: context.userAgent };
}

function anonymousActor(context: RequestContext): AuditActor {
  return { actorType: "ANONYMOUS", actorId: null, actorLabel: "anonymous", source: "DASHBOARD", ip: context.ip, userAgent: context.userAgent };
}
