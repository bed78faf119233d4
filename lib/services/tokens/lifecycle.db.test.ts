import pg from "pg";
import { newId } from "@/lib/data/ids";
import { CACHE_CHANNEL } from "@/lib/data/notify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserPrincipal } from "@/lib/authz";
import { isAppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { openTestDatabase, testDatabaseKind, type TestDatabase } from "@/scripts/testing/database";
import { findBrokenAuditLink } from "../audit/verify";
import { authenticateApiToken } from "./authenticate";
import { endLapsedGracePeriods } from "./grace";
import { createToken, listTokens, revokeToken, rotateToken } from "./manage";
import { dueReminder, sendExpiryReminders } from "./reminders";

// A key's life over time, which the API specs cannot wait for: a rotation grace period running
// out (enforced on the very next use, and audited once), and the expiry reminders (sent once per
// key and threshold, to the creator and the organization's admins).

let database: TestDatabase;
const organizationId = newId();
const people = { owner: newId(), admin: newId(), developer: newId(), member: newId() };

const ownerContext = (): ServiceContext => ({
  principal: { kind: "user", userId: people.owner, organizationId, role: "OWNER", teamIds: [] } satisfies UserPrincipal,
  organizationId, path: `/${organizationId}/tokens`,
  actor: { actorType: "USER", actorId: people.owner, actorLabel: "owner@example.test", source: "API", ip: null, userAgent: "vitest" },
});

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  await db.organization.create({ data: { id: organizationId, name: "Lifecycle" } });
  for (const [role, userId] of [["OWNER", people.owner], ["ADMINISTRATOR", people.admin], ["DEVELOPER", people.developer], ["MEMBER", people.member]] as const) {
    const email = `${role.toLowerCase()}@example.test`;
    await db.user.create({ data: { id: userId, email, name: email, passwordHash: "x" } });
    await db.membership.create({ data: { id: newId(), organizationId, userId, role } });
  }
});
afterAll(async () => {
  await database?.close();
});

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (isAppError(error) ? error.code : error));
const auditActions = async (action: string) =>
  (await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = $1 ORDER BY sequence`, [action])) as Array<{ metadata: Record<string, unknown> }>;
const newKey = (name: string, expires: Date | null = null) =>
  createToken(ownerContext(), { name, note: null, expires, permissions: [{ permission: "organization:read" }] });

describe("rotation grace periods", () => {
  it("keeps the old token working until the grace ends, then refuses it and records the end once", async () => {
    const key = await newKey("deploy");
    const rotated = await rotateToken(ownerContext(), key.id, { grace: "1h" });
    expect(rotated.previous_token_valid_until!.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await authenticateApiToken(key.token)).publicId).toBe(key.id);
    expect((await authenticateApiToken(rotated.token)).publicId).toBe(key.id);
    expect((await listTokens(ownerContext(), {})).data.find((item) => item.id === key.id)?.previous_token_valid_until).not.toBeNull();

    // The hour passes.
    await database.sql(`UPDATE "ApiToken" SET "previousValidUntil" = now() - interval '1 second' WHERE "publicId" = $1`, [key.id]);
    expect(await errorOf(authenticateApiToken(key.token))).toBe("invalid_token");
    expect(await errorOf(authenticateApiToken(key.token))).toBe("invalid_token");
    expect((await authenticateApiToken(rotated.token)).publicId).toBe(key.id);
    const ended = await auditActions("token.grace.end");
    expect(ended.map((row) => row.metadata)).toEqual([expect.objectContaining({ id: key.id, reason: "elapsed" })]);
    expect(JSON.stringify(ended)).not.toContain(key.token);
  });

  it("ends a lapsed grace period nobody uses from the housekeeping run, and shows none on the list", async () => {
    const key = await newKey("unused old token");
    await rotateToken(ownerContext(), key.id, { grace: "24h" });
    await database.sql(`UPDATE "ApiToken" SET "previousValidUntil" = now() - interval '1 second' WHERE "publicId" = $1`, [key.id]);
    expect(await endLapsedGracePeriods(organizationId)).toBe(1);
    expect(await endLapsedGracePeriods(organizationId)).toBe(0);
    expect((await listTokens(ownerContext(), {})).data.find((item) => item.id === key.id)?.previous_token_valid_until).toBeNull();
    expect(await errorOf(authenticateApiToken(key.token))).toBe("invalid_token");
  });

  it("without a grace period, and after another rotation or a revocation, the old token stops at once", async () => {
    const key = await newKey("strict");
    const first = await rotateToken(ownerContext(), key.id, {});
    expect(first.previous_token_valid_until).toBeNull();
    expect(await errorOf(authenticateApiToken(key.token))).toBe("invalid_token");

    const second = await rotateToken(ownerContext(), key.id, { grace: "7d" });
    expect((await authenticateApiToken(first.token)).publicId).toBe(key.id);
    const third = await rotateToken(ownerContext(), key.id, { grace: "7d" });
    expect(await errorOf(authenticateApiToken(first.token))).toBe("invalid_token");
    expect((await authenticateApiToken(second.token)).publicId).toBe(key.id);

    await revokeToken(ownerContext(), key.id);
    expect(await errorOf(authenticateApiToken(second.token))).toBe("invalid_token");
    expect(await errorOf(authenticateApiToken(third.token))).toBe("invalid_token");
    const reasons = (await auditActions("token.grace.end")).filter((row) => row.metadata.id === key.id).map((row) => row.metadata.reason);
    expect(reasons).toEqual(["superseded", "revoked"]);
    expect(await findBrokenAuditLink(organizationId)).toBeNull();
  });
});

describe("expiry reminders", () => {
  it("knows which reminder is due", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);
    expect([dueReminder(inDays(8), now), dueReminder(inDays(7), now), dueReminder(inDays(1.5), now), dueReminder(inDays(1), now), dueReminder(inDays(-1), now)])
      .toEqual([null, "7d", "7d", "1d", null]);
  });

  it("emails the creator and the admins once per threshold", async () => {
    const developer: ServiceContext = {
      ...ownerContext(),
      principal: { kind: "user", userId: people.developer, organizationId, role: "DEVELOPER", teamIds: [] },
      actor: { actorType: "USER", actorId: people.developer, actorLabel: "developer@example.test", source: "API", ip: null, userAgent: null },
    };
    const key = await createToken(developer, { name: "nightly", note: null, expires: new Date(Date.now() + 3 * 86_400_000), permissions: [{ permission: "organization:read" }] });
    await newKey("far away", new Date(Date.now() + 30 * 86_400_000));
    const outbox = async () =>
      (await database.sql(`SELECT recipient, subject, body FROM "OutboxMessage" WHERE subject LIKE '%nightly%' ORDER BY recipient`)) as Array<Record<string, string>>;

    expect(await sendExpiryReminders(organizationId)).toBe(1);
    expect(await sendExpiryReminders(organizationId)).toBe(0);
    const sevenDays = await outbox();
    expect(sevenDays.map((message) => message.recipient)).toEqual(["administrator@example.test", "developer@example.test", "owner@example.test"]);
    expect(sevenDays[0]!.subject).toBe("API key “nightly” expires within 7 days");
    expect(sevenDays[0]!.body).toContain(`/dashboard/organizations/api-keys/${key.id}`);
    expect(sevenDays[0]!.body).not.toContain(key.token);

    await database.sql(`UPDATE "ApiToken" SET "expiresAt" = now() + interval '2 hours' WHERE "publicId" = $1`, [key.id]);
    expect(await sendExpiryReminders(organizationId)).toBe(1);
    expect(await sendExpiryReminders()).toBe(0);
    expect((await outbox()).filter((message) => message.subject!.includes("within a day"))).toHaveLength(3);
    expect((await auditActions("token.expiry.reminder")).map((row) => row.metadata.kind)).toEqual(["7d", "1d"]);
  });
});

// Instances drop their cached key rows when a key changes (LISTEN/NOTIFY, lib/data/notify.ts). A
// key's use stamps lastUsedAt (at most once a minute): that must not empty every instance's cache.
// PostgreSQL only: on the embedded database caches are off and nothing listens.
describe.skipIf(testDatabaseKind() !== "postgres")("key changes on the cache channel", () => {
  it("a key's first use notifies no instance; renaming or revoking it does", async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on("notification", (message) => heard.push(message.payload ?? ""));
      await listener.query(`LISTEN ${CACHE_CHANNEL}`);
      const heardAfter = async (change: () => Promise<unknown>) => {
        heard.length = 0;
        await change();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await listener.query("SELECT 1"); // a round trip: anything already sent has arrived
        return [...heard];
      };
      let key!: Awaited<ReturnType<typeof newKey>>;
      expect(await heardAfter(async () => (key = await newKey("ci")))).toContain("ApiToken");

      expect(await heardAfter(() => authenticateApiToken(key.token))).toEqual([]);
      const [stamped] = await database.sql(`SELECT "lastUsedAt" FROM "ApiToken" WHERE "publicId" = $1`, [key.id]);
      expect(stamped!.lastUsedAt).not.toBeNull();
      expect(await heardAfter(() => database.sql(`UPDATE "ApiToken" SET "name" = 'ci renamed' WHERE "publicId" = $1`, [key.id]))).toEqual(["ApiToken"]);
      expect(await heardAfter(() => revokeToken(ownerContext(), key.id))).toContain("ApiToken");
    } finally {
      await listener.end();
    }
  });
});
