import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpAccount } from "@/scripts/testing/accounts";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { findActiveSession, revokeAllSessions, revokeSession, signIn, signUp } from "./accounts";
import { findBrokenAuditLink } from "../audit/verify";
import { flushRefusalWindows } from "../audit/refusals";
import { createOrganization, listOrganizationsForUser } from "../organizations/user-organizations";

let database: TestDatabase;
const context = { ip: "203.0.113.7", userAgent: "vitest" };
const password = "a long enough passphrase";

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("sign-up", () => {
  it("creates a user with a hashed password and lower-cased email", async () => {
    const user = await signUpAccount({ name: "Ada", email: "Ada@Example.TEST", password }, context);
    expect(user.email).toBe("ada@example.test");
    const [row] = await database.sql(`SELECT "passwordHash" FROM "User" WHERE id = $1`, [user.id]);
    expect(String(row?.passwordHash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("answers a taken email exactly like a new one, changes nothing and tells the owner; refuses bad input with validation_failed", async () => {
    const before = await database.sql(`SELECT "name", "passwordHash" FROM "User" WHERE email = 'ada@example.test'`);
    expect(await signUp({ name: "Ada 2", email: "ada@example.test", password: "another long password 42" }, context)).toEqual({ email: "ada@example.test", name: "Ada 2" });
    expect(await database.sql(`SELECT "name", "passwordHash" FROM "User" WHERE email = 'ada@example.test'`)).toEqual(before);
    const told = await database.sql(`SELECT "subject" FROM "OutboxMessage" WHERE recipient = 'ada@example.test'`);
    expect(told.map((row) => row.subject)).toEqual(["Someone tried to create a DotEnv account with your address"]);
    for (const bad of [{}, { name: "", email: "", password: "" }, { name: "x", email: "nope", password }, { name: "x", email: "a@b.co", password: "short" }]) {
      await expect(signUp(bad, context)).rejects.toMatchObject({ code: "validation_failed", status: 422 });
    }
  });
});

describe("sign-in", () => {
  it("opens a server-side session for the right password", async () => {
    const { userId, sessionId } = await signIn({ email: "ADA@example.test", password }, context);
    const active = await findActiveSession(sessionId);
    expect(active?.user.id).toBe(userId);
  });

  it("refuses a wrong password and an unknown email alike, and audits both", async () => {
    const before = await database.db.auditEvent.count({ where: { action: "auth.login.failed" } });
    await expect(signIn({ email: "ada@example.test", password: "wrong password!" }, context)).rejects.toMatchObject({ code: "unauthenticated", message: "Incorrect email or password." });
    await expect(signIn({ email: "nobody@example.test", password }, context)).rejects.toMatchObject({ code: "unauthenticated", message: "Incorrect email or password." });
    await expect(signIn({ email: "", password: "" }, context)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(signIn({ email: "x@y.z", password: "p".repeat(1024 * 1024) }, context)).rejects.toMatchObject({ code: "unauthenticated" });
    // The wrong password is recorded at once; the three attempts that named nobody are counted and
    // become one event per minute's window, with their count (lib/services/audit/refusals.ts).
    await flushRefusalWindows({ includeOpen: true });
    const failures = (await database.db.auditEvent.findMany({ where: { action: "auth.login.failed" }, orderBy: { sequence: "asc" } })).slice(before);
    expect(failures.filter((event) => (event.metadata as { reason?: string }).reason === "wrong_password")).toHaveLength(1);
    const windows = failures.filter((event) => (event.metadata as { count?: number }).count !== undefined);
    expect(windows.length).toBeGreaterThanOrEqual(1); // two if the attempts straddled a minute
    expect(windows.reduce((sum, event) => sum + (event.metadata as { count: number }).count, 0)).toBe(3);
    expect(windows[0]!.metadata).toMatchObject({ reasons: { unknown_user: expect.any(Number) }, resources: ["/login"] });
    expect(JSON.stringify(failures)).not.toContain("wrong password!");
  });

  it("rate limits repeated attempts for one email from one address with a Retry-After, not the owner elsewhere", async () => {
    await signUp({ name: "Target", email: "target@example.test", password }, context);
    const attempt = () => signIn({ email: "target@example.test", password: "guess guess guess" }, { ...context, ip: "198.51.100.1" });
    for (let i = 0; i < 10; i++) await expect(attempt()).rejects.toMatchObject({ code: "unauthenticated" });
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "rate_limited", status: 429 });
    expect((error as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
    // That address waits out the window even with the right password: guessing cannot continue in between.
    await expect(signIn({ email: "target@example.test", password }, { ...context, ip: "198.51.100.1" })).rejects.toMatchObject({ code: "rate_limited" });
    // The owner, from anywhere else, is not locked out by someone else's guesses.
    await expect(signIn({ email: "target@example.test", password }, { ...context, ip: "203.0.113.9" })).resolves.toMatchObject({ userId: expect.any(String) });
  });
});

describe("sessions", () => {
  it("a revoked session is refused on its next use", async () => {
    const { sessionId } = await signIn({ email: "ada@example.test", password }, context);
    await revokeSession(sessionId);
    expect(await findActiveSession(sessionId)).toBeNull();
  });

  it("sign out everywhere ends every session of the user", async () => {
    const first = await signIn({ email: "ada@example.test", password }, context);
    const second = await signIn({ email: "ada@example.test", password }, context);
    expect(await revokeAllSessions(first.userId, context)).toBeGreaterThanOrEqual(2);
    expect(await findActiveSession(first.sessionId)).toBeNull();
    expect(await findActiveSession(second.sessionId)).toBeNull();
  });
});

describe("organizations", () => {
  it("makes the creator its Owner and records it in the organization's audit chain", async () => {
    const user = await signUpAccount({ name: "Owner", email: "owner@example.test", password }, context);
    const organization = await createOrganization(user, { name: "Acme" }, context);
    expect(organization.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await listOrganizationsForUser(user.id)).toEqual([{ id: organization.id, name: "Acme", role: "OWNER" }]);
    const events = await database.db.auditEvent.findMany({ where: { organizationId: organization.id } });
    expect(events.map((event) => event.action)).toEqual(["organization.create"]);
    await expect(createOrganization(user, { name: " " }, context)).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("audit chain", () => {
  it("links every event to the previous one, and detects an edited event", async () => {
    expect(await findBrokenAuditLink("-")).toBeNull();
    // Tampering needs the trigger out of the way first (as a database owner could do).
    await database.sql(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await database.sql(`UPDATE "AuditEvent" SET "actorLabel" = 'someone-else' WHERE "chainKey" = '-' AND "sequence" = 2`);
    await database.sql(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    expect(await findBrokenAuditLink("-")).toEqual({ sequence: 2 });
  });
});
