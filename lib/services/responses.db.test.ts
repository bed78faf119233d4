import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { ServiceContext } from "@/lib/services/context";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { seedDemo } from "@/lib/services/seed/demo-seed";
import { enforce } from "@/lib/services/access/enforce";
import { createToken, getToken, listTokens, rotateToken, updateToken } from "@/lib/services/tokens/manage";
import { addMember, listMembers } from "@/lib/services/members/members";
import { listInvitations } from "@/lib/services/members/invitations";
import { createTeam, getTeam, teamPlan } from "@/lib/services/teams/teams";
import { getVersion, listVersions, listVersionsPlan, readVersionPlan } from "@/lib/services/secrets/versions";
import { apiKeySchema, issuedKeySchema } from "@/lib/schemas/tokens";
import { invitationViewSchema, memberViewSchema } from "@/lib/schemas/members";
import { teamViewSchema } from "@/lib/schemas/teams";
import { versionDetailSchema, versionSummarySchema } from "@/lib/schemas/secrets";
import { keysMetaSchema, keyVersionSchema, reencryptResultSchema, rotateResultSchema } from "@/lib/schemas/keys";
import { listKeys, listKeysPlan } from "@/lib/services/keys/key-versions";
import { updateKeyPolicy } from "@/lib/services/keys/policy";
import { reencryptHistory } from "@/lib/services/keys/reencrypt";
import { rotateKey } from "@/lib/services/keys/rotation";

// The response schemas (what the dashboard's types are inferred from) against what the use cases
// really answer, sent through JSON as the API sends them. The schemas are strict, so a field added
// to or dropped from a service's output fails here until the schema says so too.

const PRODUCTION = { project: "my-app", target: "backend", environment: "production" };

let database: TestDatabase;
let context: ServiceContext;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 9).toString("base64");
  database = await openTestDatabase();
  const seed = await seedDemo({ organizationName: "Responses", ownerEmail: "responses-owner@example.test" });
  const owner = await database.db.user.findUniqueOrThrow({ where: { email: seed.owner.email }, select: { id: true } });
  // A person, not a key: keys they make and people they invite then name them (created_by, invited_by).
  context = {
    principal: { kind: "user", userId: owner.id, organizationId: seed.organization_id, role: "OWNER", teamIds: [] },
    organizationId: seed.organization_id, path: "/test",
    actor: { actorType: "USER", actorId: owner.id, actorLabel: seed.owner.email, source: "DASHBOARD", ip: null, userAgent: null },
  };
}, 120_000);
afterAll(async () => {
  await database?.close();
});

/** What a client receives: dates become ISO strings, undefined fields disappear. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const parses = <T extends z.ZodType>(schema: T, value: unknown) => schema.parse(wire(value));

describe("API key responses", () => {
  it("create, rotate, list, read and update answer what the schemas describe", async () => {
    const issued = await createToken(context, {
      name: "responses", note: "checks the schemas", expires: new Date(Date.now() + 86_400_000),
      permissions: [
        { permission: "secret:read", scope: { project: "my-app", target: "backend", environment: "production" } },
        { permission: "project:read", scope: { project: "my-app" } },
        { permission: "token:manage" },
      ],
    });
    expect(parses(issuedKeySchema, issued).token).toBe(issued.token);
    parses(issuedKeySchema, await rotateToken(context, issued.id));

    const { data } = await listTokens(context, {});
    expect(data.length).toBeGreaterThanOrEqual(2); // the seed's key and this one
    for (const key of data) parses(apiKeySchema, key);
    expect(parses(apiKeySchema, await getToken(context, issued.id)).created_by).not.toBeNull();
    expect(parses(apiKeySchema, await updateToken(context, issued.id, { note: null, expires: null })).expires_at).toBeNull();
  });

  it("shows a deleted scope node as null", async () => {
    const team = await createTeam(context, { slug: "short-lived" });
    const issued = await createToken(context, {
      name: "team scoped", expires: null, permissions: [{ permission: "team:read", scope: { team: "short-lived" } }],
    });
    await database.db.team.delete({ where: { id: team.id } });
    const shown = parses(apiKeySchema, await getToken(context, issued.id));
    expect(shown.permissions).toEqual([{ permission: "team:read", scope: { team: null } }]);
  });

});

describe("key responses", () => {
  it("list, rotate, re-encrypt and the cadence answer what the schemas describe", async () => {
    const project = (await enforce(context, listKeysPlan("my-app"))).level.project;
    await updateKeyPolicy(context, project, { rotation_days: 30 });
    expect(parses(rotateResultSchema, await rotateKey(context, project, {})).previous_version).toBe(1);
    const listed = wire(await listKeys(context, project)) as { data: unknown[]; meta: unknown };
    for (const version of listed.data) parses(keyVersionSchema, version);
    expect(parses(keysMetaSchema, listed.meta).rotation).toMatchObject({ cadence_days: 30, overdue: false });
    expect(parses(reencryptResultSchema, await reencryptHistory(context, project, {})).done).toBe(true);
  }, 60_000);
});

describe("strictness", () => {
  it("refuses a field the schema does not name, also in an extended schema", () => {
    const key = { id: "key_x", token: "t", name: "n", note: null, permissions: [], expires_at: null, created_at: new Date().toISOString() };
    expect(issuedKeySchema.safeParse(key).success).toBe(true);
    expect(issuedKeySchema.safeParse({ ...key, hash: "h" }).success).toBe(false);
    const version = {
      type: "secret_version", version: 1, created_at: key.created_at, actor: { type: "system", id: null, label: "seed" }, source: "cli", key_version: 1,
      names: { added: [], removed: [], changed: [] }, current: true, restored_from: null, encrypted: true, secrets: {}, tags: {},
    };
    expect(versionDetailSchema.safeParse(version).success).toBe(true);
    expect(versionDetailSchema.safeParse({ ...version, blob: "" }).success).toBe(false);
  });
});

describe("member and invitation responses", () => {
  it("list members and invitations", async () => {
    await addMember(context, { email: "invited@example.test", role: "DEVELOPER" });
    const members = await listMembers(context, {});
    expect(members.data.length).toBeGreaterThan(0);
    for (const member of members.data) parses(memberViewSchema, member);
    const invitations = await listInvitations(context);
    expect(invitations).toHaveLength(1);
    expect(parses(invitationViewSchema, invitations[0]).invited_by).not.toBeNull();
  });
});

describe("team responses", () => {
  it("create and read a team", async () => {
    const created = await createTeam(context, { slug: "platform", name: "Platform", members: ["responses-owner@example.test"], projects: ["my-app"] });
    expect(parses(teamViewSchema, created)).toMatchObject({ projects: ["my-app"], members: [{ email: "responses-owner@example.test" }] });
    const access = await enforce(context, teamPlan("read", "platform"));
    parses(teamViewSchema, await getTeam(context, access.team));
    // The member's teams are now listed on it.
    const members = await listMembers(context, {});
    expect(members.data.map((member) => parses(memberViewSchema, member).teams)).toContainEqual(["platform"]);
  });
});

describe("version responses", () => {
  it("list and read a level's versions, as ciphertext and decrypted", async () => {
    const listed = await listVersions(context, (await enforce(context, listVersionsPlan(PRODUCTION))).level, {});
    expect(listed.data.length).toBeGreaterThan(0);
    for (const version of listed.data) parses(versionSummarySchema, version);

    const number = listed.data[0]!.version;
    for (const decrypt of [false, true]) {
      const { level } = await enforce(context, readVersionPlan(PRODUCTION, decrypt));
      const detail = parses(versionDetailSchema, await getVersion(context, level, number, { decrypt }));
      expect(detail).toMatchObject({ encrypted: !decrypt, current: true });
    }
  });
});
