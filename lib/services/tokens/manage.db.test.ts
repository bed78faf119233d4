import { createHash } from "node:crypto";
import { newId } from "@/lib/data/ids";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorize, type Grant, type TokenPrincipal, type UserPrincipal } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { findBrokenAuditLink } from "../audit/verify";
import { changeMemberRole } from "../members/members";
import { createToken, getToken, rotateToken } from "./manage";

// What the API specs cannot reach yet: grants stored with ids and shown with slugs after a rename or
// a deletion, the hash-only storage, and two concurrent demotions of the last two Owners.

let database: TestDatabase;
const organizationId = newId();
const ids = { owner: newId(), second: newId(), project: newId(), target: newId(), environment: newId() };
const memberships = { owner: newId(), second: newId() };

function contextFor(principal: UserPrincipal | TokenPrincipal, path = `/${organizationId}/tokens`): ServiceContext {
  const actor = principal.kind === "user"
    ? { actorType: "USER" as const, actorId: principal.userId, actorLabel: "owner@example.test" }
    : { actorType: "TOKEN" as const, actorId: principal.tokenId, actorLabel: "test key" };
  return { principal, organizationId, path, actor: { ...actor, source: "API", ip: null, userAgent: "vitest" } };
}

const ownerContext = () => contextFor({ kind: "user", userId: ids.owner, organizationId, role: "OWNER", teamIds: [] });

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  await db.organization.create({ data: { id: organizationId, name: "Scopes" } });
  for (const [userId, membershipId, email] of [[ids.owner, memberships.owner, "owner@example.test"], [ids.second, memberships.second, "second@example.test"]] as const) {
    await db.user.create({ data: { id: userId, email, name: email, passwordHash: "x" } });
    await db.membership.create({ data: { id: membershipId, organizationId, userId, role: "OWNER" } });
  }
  await db.project.create({ data: { id: ids.project, organizationId, slug: "my-app", name: "My App", custody: "SERVER" } });
  await db.target.create({ data: { id: ids.target, projectId: ids.project, slug: "backend", name: "Backend" } });
  await db.environment.create({ data: { id: ids.environment, targetId: ids.target, slug: "production", name: "Production" } });
});

afterAll(async () => {
  await database?.close();
});

describe("key grants: ids in storage, slugs in the API", () => {
  it("stores ids and only the token's hash; a rename shows the new slug; a deleted target shows null and grants nothing", async () => {
    const created = await createToken(ownerContext(), {
      name: "scoped", note: null, expires: null,
      permissions: [{ permission: "secret:read", scope: { project: "my-app", target: "backend", environment: "production" } }, { permission: "project:read", scope: { project: "my-app" } }],
    });
    const [row] = await database.sql(`SELECT "tokenHash", "permissions", "createdById" FROM "ApiToken" WHERE "publicId" = $1`, [created.id]);
    expect(row?.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(row?.permissions).toEqual([
      { permission: "secret:read", scope: { project: ids.project, target: ids.target, environment: ids.environment } },
      { permission: "project:read", scope: { project: ids.project } },
    ]);
    expect(row?.createdById).toBe(ids.owner);
    expect(JSON.stringify(await database.sql(`SELECT "metadata" FROM "AuditEvent"`))).not.toContain(created.token);

    await database.db.project.update({ where: { id: ids.project }, data: { slug: "renamed-app" } });
    expect((await getToken(ownerContext(), created.id)).permissions[1]).toEqual({ permission: "project:read", scope: { project: "renamed-app" } });

    await database.db.target.delete({ where: { id: ids.target } });
    const shown = await getToken(ownerContext(), created.id);
    expect(shown.permissions[0]).toEqual({ permission: "secret:read", scope: { project: "renamed-app", target: null, environment: null } });

    // A new target with the old slug is a new node: the old grant does not reach it.
    const target = await database.db.target.create({ data: { id: newId(), projectId: ids.project, slug: "backend", name: "Backend" } });
    const environment = await database.db.environment.create({ data: { id: newId(), targetId: target.id, slug: "production", name: "Production" } });
    const key: TokenPrincipal = { kind: "token", tokenId: "t", organizationId, grants: row!.permissions as Grant[] };
    expect(authorize(key, "secret:read", { organizationId, projectId: ids.project, targetId: target.id, environmentId: environment.id }).allowed).toBe(false);

    // A dead scope grants nothing, so it does not stop a rotation by a key holding the live rest.
    const manager: TokenPrincipal = { ...key, grants: [...key.grants, { permission: "token:manage" }] };
    const rotated = await rotateToken(contextFor(manager), created.id);
    expect(rotated.token).not.toBe(created.token);
    expect(await findBrokenAuditLink(organizationId)).toBeNull();
  });
});

describe("Owners", () => {
  it("two concurrent demotions of the last two Owners: exactly one succeeds", async () => {
    const results = await Promise.allSettled([
      changeMemberRole(contextFor({ kind: "user", userId: ids.owner, organizationId, role: "OWNER", teamIds: [] }), memberships.second, { role: "ADMINISTRATOR" }),
      changeMemberRole(contextFor({ kind: "user", userId: ids.second, organizationId, role: "OWNER", teamIds: [] }), memberships.owner, { role: "ADMINISTRATOR" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "validation_failed" });
    const owners = await database.db.membership.count({ where: { organizationId, role: "OWNER" } });
    expect(owners).toBe(1);
  });
});
