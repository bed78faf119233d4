import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import { signUpAccount } from "@/scripts/testing/accounts";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { findActiveSession, findSession, signIn } from "./accounts";
import { changePassword } from "./password-change";
import { completePasswordReset, requestPasswordReset, RESET_REQUESTED_MESSAGE } from "./password-reset";
import { createOrganization } from "../organizations/user-organizations";
import { confirmEnrolment, startCodeEnrolment } from "../two-factor/methods";

// Account security on a real database: password change, reset by email, and SMS codes through a
// real HTTP provider (the webhook provider, served here on the loopback interface).

let database: TestDatabase;
const context = { ip: "192.0.2.44", userAgent: "vitest" };
const password = "correct horse battery staple";

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 3).toString("base64");
  process.env.NEXTAUTH_SECRET = "password-tests-secret-of-sufficient-length";
  database = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

let counter = 0;
async function account() {
  const email = `account-${Date.now()}-${counter++}@example.test`;
  const user = await signUpAccount({ name: "Account", email, password }, context);
  await createOrganization(user, { name: "Account's Org" }, context);
  return { id: user.id, email };
}

async function resetSecretFor(email: string): Promise<string> {
  const [message] = await database.sql(`SELECT body FROM "OutboxMessage" WHERE recipient = $1 AND subject = 'Reset your DotEnv password' ORDER BY id DESC LIMIT 1`, [email]);
  const secret = String(message?.body ?? "").match(/\/reset-password#([A-Za-z0-9_-]{43})/)?.[1];
  if (!secret) throw new Error("no reset link");
  return secret;
}

describe("change password", () => {
  it("needs the current password, follows the policy, and signs every other session out", async () => {
    const user = await account();
    const here = await signIn({ email: user.email, password }, context);
    const elsewhere = await signIn({ email: user.email, password }, context);
    const me = { ...user, sessionId: here.sessionId };
    await expect(changePassword(me, { current_password: "wrong one", new_password: "a brand new passphrase" }, context)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("current password") });
    await expect(changePassword(me, { current_password: password, new_password: "short" }, context)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(changePassword(me, { current_password: password, new_password: "1qaz2wsx3edc" }, context)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(changePassword(me, { current_password: password, new_password: user.email }, context)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("email") });

    expect(await changePassword(me, { current_password: password, new_password: "a brand new passphrase" }, context)).toEqual({ sessions_signed_out: 1 });
    expect(await findActiveSession(here.sessionId)).not.toBeNull();
    expect(await findActiveSession(elsewhere.sessionId)).toBeNull();
    await expect(signIn({ email: user.email, password }, context)).rejects.toMatchObject({ code: "unauthenticated" });
    await signIn({ email: user.email, password: "a brand new passphrase" }, context);
    const events = await database.db.auditEvent.findMany({ where: { action: "auth.password.changed", actorId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.organizationId).not.toBeNull();
    expect(JSON.stringify(events)).not.toContain("brand new");
  });
});

describe("password reset", () => {
  it("answers the same for unknown addresses; a link works once, for 30 minutes, and signs everyone out", async () => {
    const user = await account();
    const session = await signIn({ email: user.email, password }, context);
    const messagesBefore = await database.db.outboxMessage.count();
    expect(await requestPasswordReset({ email: "nobody-at-all@example.test" }, context)).toEqual({ message: RESET_REQUESTED_MESSAGE });
    expect(await database.db.outboxMessage.count()).toBe(messagesBefore);
    expect(await requestPasswordReset({ email: user.email.toUpperCase() }, context)).toEqual({ message: RESET_REQUESTED_MESSAGE });
    const secret = await resetSecretFor(user.email);
    expect(JSON.stringify(await database.sql(`SELECT "codeHash" FROM "OneTimeCode" WHERE "userId" = $1`, [user.id]))).not.toContain(secret);

    await expect(completePasswordReset({ token: secret, password: "1qaz2wsx3edc" }, context)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(completePasswordReset({ token: secret, password: "a reset passphrase" }, context, new Date(Date.now() + 31 * 60_000))).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("expired") });
    await expect(completePasswordReset({ token: "x".repeat(43), password: "a reset passphrase" }, context)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(completePasswordReset({ token: "short", password: "a reset passphrase" }, context)).rejects.toMatchObject({ code: "validation_failed" });

    await completePasswordReset({ token: secret, password: "a reset passphrase" }, context);
    expect(await findSession(session.sessionId)).toBeNull();
    await expect(completePasswordReset({ token: secret, password: "another reset passphrase" }, context)).rejects.toMatchObject({ code: "validation_failed" });
    await signIn({ email: user.email, password: "a reset passphrase" }, context);
    const audited = await database.db.auditEvent.findMany({ where: { action: "auth.password.reset", actorLabel: user.email } });
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(await database.db.auditEvent.findMany({ where: { actorLabel: user.email } }))).not.toContain(secret);
  });

  it("never bypasses the second factor: after a reset, signing in is still pending", async () => {
    const user = await account();
    await database.db.twoFactorMethod.create({ data: { id: newId(), userId: user.id, type: "EMAIL", label: user.email, enabledAt: new Date() } });
    await requestPasswordReset({ email: user.email }, context);
    await completePasswordReset({ token: await resetSecretFor(user.email), password: "a reset passphrase" }, context);
    const signedIn = await signIn({ email: user.email, password: "a reset passphrase" }, context);
    expect(signedIn.twoFactorPending).toBe(true);
    expect(await findActiveSession(signedIn.sessionId)).toBeNull();
  });
});

describe("SMS codes through a provider", () => {
  it("validates the number (E.164) and delivers the code to the configured webhook", async () => {
    const received: { to: string; text: string; authorization?: string }[] = [];
    const server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        received.push({ ...JSON.parse(body), authorization: request.headers.authorization });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.SMS_PROVIDER = "webhook";
    process.env.SMS_WEBHOOK_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    process.env.SMS_WEBHOOK_TOKEN = "webhook-token";
    try {
      const user = await account();
      for (const phone of ["0123", "+0123456789", "4155550123", "+1 415 555 0123 99999", "+1" + "5".repeat(40)]) {
        await expect(startCodeEnrolment(user, "sms", { phone })).rejects.toMatchObject({ code: "validation_failed" });
      }
      const started = await startCodeEnrolment(user, "sms", { phone: "+1 (415) 555-0123" });
      expect(started.sent_to).toBe("+1••••••0123");
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ to: "+14155550123", authorization: "Bearer webhook-token" });
      const code = received[0]!.text.match(/\b(\d{6})\b/)![1]!;
      expect(await database.db.outboxMessage.count({ where: { recipient: "+14155550123" } })).toBe(0);
      const actor = { actorType: "USER" as const, actorId: user.id, actorLabel: user.email, source: "DASHBOARD" as const, ...context };
      await confirmEnrolment(user, { method_id: started.method_id, code }, actor);
      expect((await signIn({ email: user.email, password }, context)).twoFactorPending).toBe(true);
    } finally {
      delete process.env.SMS_PROVIDER;
      delete process.env.SMS_WEBHOOK_URL;
      delete process.env.SMS_WEBHOOK_TOKEN;
      server.close();
    }
  });
});
