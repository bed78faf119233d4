import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { ImmutableKeyError } from "./immutable-keys";

let database: TestDatabase;
let projectId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const org = await database.db.organization.create({ data: { id: newId(), name: "Acme" } });
  const project = await database.db.project.create({
    data: { id: newId(), organizationId: org.id, slug: "app", name: "App", custody: "CLIENT" },
  });
  projectId = project.id;
  await database.db.projectKeyVersion.create({
    data: { id: newId(), projectId, version: 1, state: "ROTATED", salt: "c2FsdA==", iterations: 600000, proofHash: "aa", rotatedAt: new Date() },
  });
  await database.db.projectKeyVersion.create({
    data: { id: newId(), projectId, version: 2, state: "ACTIVE", salt: "c2FsdDI=", iterations: 600000, proofHash: "bb" },
  });
});
afterAll(async () => {
  await database?.close();
});

describe("rotated key versions are immutable", () => {
  const rotated = () => ({ projectId_version: { projectId, version: 1 } });

  it("the data layer refuses to change a rotated key's salt, iterations or proof", async () => {
    await expect(database.db.projectKeyVersion.update({ where: rotated(), data: { salt: "bmV3" } })).rejects.toThrow(ImmutableKeyError);
    // A bulk update reaches active rows only: the rotated one is left as it was.
    expect((await database.db.projectKeyVersion.updateMany({ where: { projectId }, data: { iterations: 700000 } })).count).toBe(1);
    await expect(database.db.projectKeyVersion.update({ where: rotated(), data: { state: "ACTIVE" } })).rejects.toThrow(ImmutableKeyError);
    const key = await database.db.projectKeyVersion.findUniqueOrThrow({ where: rotated(), omit: { proofHash: false } });
    expect([key.salt, key.iterations, key.proofHash]).toEqual(["c2FsdA==", 600000, "aa"]);
  });

  it("the database refuses it too, whatever code sends the update", async () => {
    await expect(database.sql(`UPDATE "ProjectKeyVersion" SET "proofHash" = 'cc' WHERE "projectId" = $1 AND "version" = 1`, [projectId])).rejects.toThrow(/immutable/);
    const rows = await database.sql(`SELECT "proofHash" FROM "ProjectKeyVersion" WHERE "projectId" = $1 AND "version" = 1`, [projectId]);
    expect(rows[0]?.proofHash).toBe("aa");
  });

  it("refuses inside a transaction too, and still allows changes to the active key and dropping a rotated key's wrapped copy", async () => {
    await expect(
      database.db.$transaction((tx) => tx.projectKeyVersion.update({ where: { projectId_version: { projectId, version: 1 } }, data: { proofHash: "zz" } })),
    ).rejects.toThrow(ImmutableKeyError);
    await database.db.projectKeyVersion.update({ where: { projectId_version: { projectId, version: 2 } }, data: { proofHash: "dd" } });
    await database.db.projectKeyVersion.update({ where: rotated(), data: { wrappedKey: null } });
  });

  it("allows only one active key per project", async () => {
    await expect(
      database.db.projectKeyVersion.create({ data: { id: newId(), projectId, version: 3, state: "ACTIVE" } }),
    ).rejects.toThrow();
  });
});

describe("secret columns are omitted by default", () => {
  it("does not return hashes, wrapped keys or ciphertext unless asked", async () => {
    const key = await database.db.projectKeyVersion.findFirstOrThrow({ where: { projectId } });
    expect(key).not.toHaveProperty("proofHash");
    expect(key).not.toHaveProperty("wrappedKey");
    const user = await database.db.user.create({ data: { id: newId(), email: `u${Date.now()}@example.com`, name: "U", passwordHash: "h" } });
    expect(user).not.toHaveProperty("passwordHash");
  });
});

describe("audit events are append-only", () => {
  it("refuses UPDATE and DELETE", async () => {
    await database.db.auditEvent.create({
      data: {
        id: newId(), chainKey: "-", sequence: 1, actorType: "SYSTEM", actorLabel: "test", source: "API",
        action: "test.event", resourcePath: "/", outcome: "SUCCESS", status: 200, prevHash: "0", hash: "1",
      },
    });
    await expect(database.sql(`UPDATE "AuditEvent" SET "action" = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(database.sql(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await database.db.auditEvent.count()).toBe(1);
  });
});
