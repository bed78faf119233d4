import "server-only";
import { newId } from "@/lib/data/ids";
import { hashPassword, verifyPassword } from "@/lib/services/accounts/password";
import { getDb } from "@/lib/data/db";
import { isUniqueViolation } from "@/lib/data/errors";
import { AppError } from "@/lib/errors";
import { signInSchema, signUpSchema } from "@/lib/schemas/auth";
import { appendAuditEvent, type AuditActor } from "../audit/record";
import { consumeRateLimit } from "../limits/rate-limit";
import { recordUnauthenticatedRefusal } from "../audit/refusals";
import { admitSignIn } from "./sign-in-limits";
import { queueMail } from "../mail/outbox";
import { parseInput } from "@/lib/schemas/parse";
import type { RequestContext } from "../context";
import { hasTwoFactor } from "../two-factor/status";
import { appendUserEvent, recordUserEvent } from "../two-factor/user-events";

export const SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
/** A session waiting for its second factor ends unless it is completed within this time. */
export const PENDING_SESSION_SECONDS = 10 * 60;

/**
 * Creates an account. The answer is the same whether or not the address already has one (nobody
 * learns who has an account here): an existing account is left as it is, and its owner is told by
 * mail that someone tried. Limited per address before any password is hashed.
 */
export async function signUp(input: unknown, context: RequestContext): Promise<{ email: string; name: string }> {
  const { name, email, password } = parseInput(signUpSchema, input);
  const allowed = await consumeRateLimit(`signup:ip:${context.ip ?? "unknown"}`, signUpLimit());
  if (!allowed.allowed) throw new AppError("rate_limited", "Too many accounts created from here. Try again later.", { retryAfter: allowed.retryAfter });
  const db = await getDb();
  const passwordHash = await hashPassword(password);
  try {
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { id: newId(), name, email, passwordHash }, select: { id: true, email: true, name: true } });
      await appendAuditEvent(tx, userActor(user, context), {
        organizationId: null, action: "auth.signup", resourcePath: `/users/${user.id}`, outcome: "SUCCESS", status: 201,
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tellOwnerOfSignUpAttempt(email, context);
  }
  return { email, name };
}

async function tellOwnerOfSignUpAttempt(email: string, context: RequestContext): Promise<void> {
  const db = await getDb();
  const send = await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    await appendAuditEvent(tx, anonymousActor(context), {
      organizationId: null, action: "auth.signup.existing", resourcePath: `/users/${user.id}`, outcome: "DENIED", status: 201,
    });
    return queueMail(tx, {
      to: email, organizationId: null,
      subject: "Someone tried to create a DotEnv account with your address",
      text: [
        "Someone tried to create a new DotEnv account with this email address, which already has one.",
        "Nothing was changed. If it was you, sign in with your password, or reset it from the sign-in page.",
        "If it was not you, you can ignore this message.",
      ].join("\n\n"),
    });
  });
  await send();
}

/** Accounts created per client address per hour; DOTENV_SIGNUP_RATE_LIMIT overrides (the e2e servers sign up many people). */
function signUpLimit() {
  const perHour = Number(process.env.DOTENV_SIGNUP_RATE_LIMIT ?? 20);
  return { limit: Number.isFinite(perHour) && perHour > 0 ? perHour : 20, windowSeconds: 60 * 60 };
}

/**
 * Checks a password and opens a server-side session. Unknown emails cost the same as wrong
 * passwords. A person with two-factor authentication gets a *pending* session: it can do nothing
 * but complete the second factor (lib/services/two-factor/challenge.ts) within 10 minutes.
 */
export async function signIn(input: unknown, context: RequestContext): Promise<{ userId: string; sessionId: string; twoFactorPending: boolean }> {
  const parsed = signInSchema.safeParse(input);
  const db = await getDb();
  const email = parsed.success ? parsed.data.email : "";
  const attempt = await admitSignIn(email, context.ip);

  const user = parsed.success
    ? await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } })
    : null;
  await attempt.waitIfUnknown(user?.id ?? null);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, parsed.success ? parsed.data.password : "");
  if (!user || !passwordOk) {
    await attempt.failed();
    const failure = { action: "auth.login.failed", resourcePath: "/login", outcome: "DENIED" as const, status: 401 };
    // A known account's failures reach its organizations' logs, so their admins see a guessing attempt.
    // An unknown email names nobody: counted per address and minute like a bad API key, one audit
    // event per window (lib/services/audit/refusals.ts).
    if (user) await recordUserEvent(anonymousActor(context), user.id, { ...failure, metadata: { reason: "wrong_password", email: user.email } });
    else await recordUnauthenticatedRefusal(anonymousActor(context), { action: failure.action, resourcePath: failure.resourcePath, reason: "unknown_user", status: 401 });
    throw new AppError("unauthenticated", "Incorrect email or password.");
  }
  await attempt.succeeded();
  const sessionId = newId();
  const twoFactorPending = await hasTwoFactor(user.id);
  const lifetime = twoFactorPending ? PENDING_SESSION_SECONDS : SESSION_LIFETIME_SECONDS;
  await db.$transaction(async (tx) => {
    await tx.session.create({
      data: {
        id: sessionId, userId: user.id, ip: context.ip, userAgent: context.userAgent?.slice(0, 512), secondFactorPassed: !twoFactorPending,
        expiresAt: new Date(Date.now() + lifetime * 1000),
      },
    });
    // With 2FA, success is recorded once the second factor is passed.
    if (!twoFactorPending) {
      await appendUserEvent(tx, userActor(user, context), user.id, {
        action: "auth.login.succeeded", resourcePath: "/login", outcome: "SUCCESS", status: 200, metadata: { second_factor: null },
      });
    }
  });
  return { userId: user.id, sessionId, twoFactorPending };
}

/** A live session (neither revoked nor expired), with whether its second factor is still to come. */
export async function findSession(sessionId: string) {
  const db = await getDb();
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { id: true, revokedAt: true, expiresAt: true, secondFactorPassed: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
  // Touch at most once a minute: "last active" for the sessions list without a write per request.
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
  }
  return { sessionId: session.id, user: session.user, pending: !session.secondFactorPassed };
}

/** The session's user while it is neither revoked nor expired and has passed its second factor; null otherwise. */
export async function findActiveSession(sessionId: string) {
  const session = await findSession(sessionId);
  return session && !session.pending ? { sessionId: session.sessionId, user: session.user } : null;
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

/** Signs out one of the person's own sessions (the Account page's sessions list). */
export async function revokeOwnSession(userId: string, sessionId: string, context: RequestContext): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count !== 1) throw new AppError("not_found", "That session was not found or has already ended.");
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
    await appendAuditEvent(tx, userActor(user, context), {
      organizationId: null, action: "auth.session.revoke", resourcePath: `/users/${userId}/sessions/${sessionId}`, outcome: "SUCCESS", status: 200,
    });
  });
}

export async function listActiveSessions(userId: string) {
  const db = await getDb();
  return db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() }, secondFactorPassed: true },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
  });
}

export function userActor(user: { id: string; email: string }, context: RequestContext): AuditActor {
  return { actorType: "USER", actorId: user.id, actorLabel: user.email, source: "DASHBOARD", ip: context.ip, userAgent: context.userAgent };
}

export function anonymousActor(context: RequestContext): AuditActor {
  return { actorType: "ANONYMOUS", actorId: null, actorLabel: "anonymous", source: "DASHBOARD", ip: context.ip, userAgent: context.userAgent };
}
