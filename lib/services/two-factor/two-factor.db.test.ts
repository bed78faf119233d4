import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { signUpAccount } from "@/scripts/testing/accounts";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import type { AuditActor } from "../audit/record";
import { findActiveSession, findSession, signIn } from "../accounts/accounts";
import { createOrganization } from "../organizations/user-organizations";
import { completeChallenge, sendChallengeCode } from "./challenge";
import { confirmEnrolment, regenerateRecoveryCodes, removeMethod, startCodeEnrolment, startTotpEnrolment, twoFactorOverview } from "./methods";

// Second factors end to end on a real database: enrolment, the sign-in challenge, single use,
// the per-person limit on wrong codes, recovery codes, removal rules and their audit trail.

let database: TestDatabase;
const context = { ip: "203.0.113.9", userAgent: "vitest" };
const password = "correct horse battery staple";

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 7).toString("base64");
  process.env.NEXTAUTH_SECRET = "two-factor-tests-secret-of-sufficient-length";
  database = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

let counter = 0;
async function person(organizations: string[] = ["Acme"]) {
  const email = `person-${Date.now()}-${counter++}@example.test`;
  const user = await signUpAccount({ name: "Person", email, password }, context);
  const orgs = [];
  for (const name of organizations) orgs.push(await createOrganization(user, { name }, context));
  const actor: AuditActor = { actorType: "USER", actorId: user.id, actorLabel: email, source: "DASHBOARD", ip: context.ip, userAgent: context.userAgent };
  return { user: { id: user.id, email }, orgs, actor };
}

const totpAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

async function enrolTotp(who: Awaited<ReturnType<typeof person>>, now = new Date()) {
  const started = await startTotpEnrolment(who.user);
  const confirmed = await confirmEnrolment(who.user, { method_id: started.method_id, code: await totpAt(started.secret, now) }, who.actor, now);
  return { ...started, ...confirmed };
}

async function latestOutboxCode(recipient: string): Promise<string> {
  const [message] = await database.sql(`SELECT body FROM "OutboxMessage" WHERE recipient = $1 ORDER BY id DESC LIMIT 1`, [recipient]);
  const code = String(message?.body ?? "").match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code sent to ${recipient}`);
  return code;
}

const events = (action: string, userEmail?: string) =>
  database.db.auditEvent.findMany({ where: { action, ...(userEmail ? { actorLabel: userEmail } : {}) }, select: { organizationId: true, metadata: true, outcome: true, status: true } });

describe("authenticator app (TOTP)", () => {
  it("shows the secret as base32 and a QR code, and completes only after a correct code", async () => {
    const who = await person();
    const started = await startTotpEnrolment(who.user);
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.uri).toContain(`secret=${started.secret}`);
    expect(started.qr_code).toMatch(/^data:image\/svg\+xml;base64,/);
    await expect(confirmEnrolment(who.user, { method_id: started.method_id, code: "000000" }, who.actor)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(confirmEnrolment(who.user, { method_id: started.method_id, code: "12ab56" }, who.actor)).rejects.toMatchObject({ code: "validation_failed", status: 422 });
    expect((await twoFactorOverview(who.user.id)).methods).toEqual([]);

    const confirmed = await confirmEnrolment(who.user, { method_id: started.method_id, code: await totpAt(started.secret, new Date()) }, who.actor);
    expect(confirmed.recovery_codes).toHaveLength(10);
    expect(new Set(confirmed.recovery_codes).size).toBe(10);
    const overview = await twoFactorOverview(who.user.id);
    expect(overview.methods.map((method) => method.type)).toEqual(["totp"]);
    expect(overview.recovery_codes).toEqual({ remaining: 10, total: 10 });
    // Stored wrapped and hashed only.
    const rows = await database.sql(`SELECT "secretEncrypted" FROM "TwoFactorMethod" WHERE "userId" = $1`, [who.user.id]);
    expect(String(rows[0]?.secretEncrypted)).not.toContain(started.secret);
    const codes = await database.sql(`SELECT "codeHash" FROM "RecoveryCode" WHERE "userId" = $1`, [who.user.id]);
    expect(JSON.stringify(codes)).not.toContain(confirmed.recovery_codes![0]!.replaceAll("-", ""));
    expect(await events("auth.2fa.enrolled", who.user.email)).toEqual([expect.objectContaining({ organizationId: who.orgs[0]!.id, metadata: { method: "totp" } })]);
  });

  it("signs in in two steps; a time step is accepted once, a neighbouring one too, a far one never", async () => {
    const who = await person();
    const enrolledAt = new Date(Date.now() - 120_000);
    const { secret } = await enrolTotp(who, enrolledAt);

    const first = await signIn({ email: who.user.email, password }, context);
    expect(first.twoFactorPending).toBe(true);
    expect(await findActiveSession(first.sessionId)).toBeNull();
    expect((await findSession(first.sessionId))?.pending).toBe(true);
    expect(await events("auth.login.succeeded", who.user.email)).toHaveLength(0);

    const now = new Date();
    const code = await totpAt(secret, now);
    await completeChallenge({ sessionId: first.sessionId, user: who.user }, { method: "totp", code }, who.actor, now);
    expect((await findActiveSession(first.sessionId))?.user.id).toBe(who.user.id);
    expect(await events("auth.login.succeeded", who.user.email)).toEqual([expect.objectContaining({ metadata: { second_factor: "totp" } })]);

    // The same code (the same step) is refused afterwards, on a new sign-in.
    const second = await signIn({ email: who.user.email, password }, context);
    await expect(completeChallenge({ sessionId: second.sessionId, user: who.user }, { method: "totp", code }, who.actor, now)).rejects.toMatchObject({ code: "unauthenticated", status: 401 });
    // Two steps ahead is outside the window; the next step is inside it.
    await expect(
      completeChallenge({ sessionId: second.sessionId, user: who.user }, { method: "totp", code: await totpAt(secret, new Date(now.getTime() + 61_000)) }, who.actor, now),
    ).rejects.toMatchObject({ code: "unauthenticated" });
    await completeChallenge({ sessionId: second.sessionId, user: who.user }, { method: "totp", code: await totpAt(secret, new Date(now.getTime() + 30_000)) }, who.actor, now);
    expect(await findActiveSession(second.sessionId)).not.toBeNull();
    expect((await events("auth.2fa.challenge.failed", who.user.email)).map((event) => event.status)).toEqual([401, 401]);
  });

  it("allows 5 wrong codes per person per 15 minutes, then refuses even a right one with 429", async () => {
    const who = await person();
    const { secret } = await enrolTotp(who, new Date(Date.now() - 90_000));
    const { sessionId } = await signIn({ email: who.user.email, password }, context);
    const session = { sessionId, user: who.user };
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(completeChallenge(session, { method: "totp", code: "000000" }, who.actor)).rejects.toMatchObject({ code: "unauthenticated" });
    }
    const refused = await completeChallenge(session, { method: "totp", code: await totpAt(secret, new Date()) }, who.actor).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
    expect((refused as { retryAfter: number }).retryAfter).toBeGreaterThan(800);
    expect(await findActiveSession(sessionId)).toBeNull();
    const failures = await events("auth.2fa.challenge.failed", who.user.email);
    expect(failures.map((event) => event.status)).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe("recovery codes", () => {
  it("each works once, the person is told by email, and regenerating voids the old set", async () => {
    const who = await person();
    const { recovery_codes, secret } = await enrolTotp(who, new Date(Date.now() - 90_000));
    const code = recovery_codes![3]!;
    const one = await signIn({ email: who.user.email, password }, context);
    await completeChallenge({ sessionId: one.sessionId, user: who.user }, { method: "recovery", code: code.toUpperCase() }, who.actor);
    expect(await findActiveSession(one.sessionId)).not.toBeNull();
    expect(await events("auth.recovery_code.used", who.user.email)).toEqual([expect.objectContaining({ metadata: { remaining: 9 } })]);
    const [notice] = await database.sql(`SELECT subject, body FROM "OutboxMessage" WHERE recipient = $1 ORDER BY id DESC LIMIT 1`, [who.user.email]);
    expect(notice?.subject).toBe("A DotEnv recovery code was used");
    expect(String(notice?.body)).not.toContain(code);

    const two = await signIn({ email: who.user.email, password }, context);
    await expect(completeChallenge({ sessionId: two.sessionId, user: who.user }, { method: "recovery", code }, who.actor)).rejects.toMatchObject({ code: "unauthenticated" });

    const fresh = await regenerateRecoveryCodes(who.user, { password, second_factor: { method: "totp", code: await totpAt(secret, new Date()) } }, who.actor);
    expect(fresh).toHaveLength(10);
    expect((await twoFactorOverview(who.user.id)).recovery_codes).toEqual({ remaining: 10, total: 10 });
    await expect(completeChallenge({ sessionId: two.sessionId, user: who.user }, { method: "recovery", code: recovery_codes![0]! }, who.actor)).rejects.toMatchObject({ code: "unauthenticated" });
    await completeChallenge({ sessionId: two.sessionId, user: who.user }, { method: "recovery", code: fresh[0]! }, who.actor);
  });
});

describe("email codes", () => {
  it("confirm enrolment, sign in once each, expire after 10 minutes, and a new code voids the previous one", async () => {
    const who = await person();
    const started = await startCodeEnrolment(who.user, "email");
    expect(started.sent_to).toBe(who.user.email);
    const enrolmentCode = await latestOutboxCode(who.user.email);
    const stored = await database.sql(`SELECT "codeHash" FROM "OneTimeCode" WHERE "userId" = $1`, [who.user.id]);
    expect(JSON.stringify(stored)).not.toContain(enrolmentCode);
    await confirmEnrolment(who.user, { method_id: started.method_id, code: enrolmentCode }, who.actor);

    const { sessionId } = await signIn({ email: who.user.email, password }, context);
    const session = { sessionId, user: who.user };
    await sendChallengeCode(session, { method: "email" });
    const voided = await latestOutboxCode(who.user.email);
    await sendChallengeCode(session, { method: "email" });
    const code = await latestOutboxCode(who.user.email);
    if (voided !== code) await expect(completeChallenge(session, { method: "email", code: voided }, who.actor)).rejects.toMatchObject({ code: "unauthenticated" });
    // Eleven minutes later the code has expired.
    await expect(completeChallenge(session, { method: "email", code }, who.actor, new Date(Date.now() + 11 * 60_000))).rejects.toMatchObject({ code: "unauthenticated" });
    await completeChallenge(session, { method: "email", code }, who.actor);
    expect(await findActiveSession(sessionId)).not.toBeNull();
    const again = await signIn({ email: who.user.email, password }, context);
    await expect(completeChallenge({ sessionId: again.sessionId, user: who.user }, { method: "email", code }, who.actor)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("refuses malformed codes and unknown methods as validation errors, not server errors", async () => {
    const who = await person();
    await enrolTotp(who);
    const { sessionId } = await signIn({ email: who.user.email, password }, context);
    for (const bad of [{}, { method: "totp" }, { method: "totp", code: "12345" }, { method: "pigeon", code: "123456" }, { method: "recovery", code: "nope" }, { method: "totp", code: "1".repeat(5000) }]) {
      await expect(completeChallenge({ sessionId, user: who.user }, bad, who.actor)).rejects.toMatchObject({ code: "validation_failed", status: 422 });
    }
    await expect(sendChallengeCode({ sessionId, user: who.user }, { method: "sms" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("removing methods", () => {
  it("needs the password and a current code, and keeps the last method while an organization enforces 2FA", async () => {
    const who = await person(["Strict Co", "Relaxed Co"]);
    const { secret } = await enrolTotp(who, new Date(Date.now() - 90_000));
    const methodId = (await twoFactorOverview(who.user.id)).methods[0]!.id;
    await database.db.securityPolicy.update({ where: { organizationId: who.orgs[0]!.id }, data: { enforceTwoFactor: true, enforcedFrom: new Date(), graceEndsAt: new Date() } });

    const reauth = async () => ({ password, second_factor: { method: "totp", code: await totpAt(secret, new Date()) } });
    await expect(removeMethod(who.user, methodId, await reauth(), who.actor)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("Strict Co requires two-factor authentication") });
    expect((await twoFactorOverview(who.user.id)).methods).toHaveLength(1);

    await database.db.securityPolicy.update({ where: { organizationId: who.orgs[0]!.id }, data: { enforceTwoFactor: false } });
    await expect(removeMethod(who.user, methodId, { password: "not my password", second_factor: { method: "recovery", code: "aaaa-aaaa-aaaa-aaaa" } }, who.actor)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(removeMethod(who.user, methodId, { password, second_factor: { method: "totp", code: "000000" } }, who.actor)).rejects.toMatchObject({ code: "unauthenticated" });
    expect((await twoFactorOverview(who.user.id)).methods).toHaveLength(1);

    await removeMethod(who.user, methodId, await reauth(), who.actor, new Date(Date.now() + 30_000));
    const overview = await twoFactorOverview(who.user.id);
    expect(overview.methods).toEqual([]);
    expect(overview.recovery_codes.total).toBe(0);
    // Both organizations' admins see it.
    expect((await events("auth.2fa.removed", who.user.email)).map((event) => event.organizationId).sort()).toEqual(who.orgs.map((org) => org.id).sort());
    const { twoFactorPending } = await signIn({ email: who.user.email, password }, context);
    expect(twoFactorPending).toBe(false);
  });
});
