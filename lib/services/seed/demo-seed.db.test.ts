import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWellFormedApiToken } from "@/lib/services/tokens/token-format";
import { verifyPassword } from "@/lib/services/accounts/password";
import { openBlob } from "@/lib/crypto";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { hashApiToken } from "../tokens/credentials";
import { DEMO_OWNER_EMAIL, seedDemo } from "./demo-seed";
import { serverDataKey } from "../keys/server-custody";

let database: TestDatabase;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 7).toString("base64");
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("seed", () => {
  it("creates the demo organization once and a fresh allow-all token every run", async () => {
    const first = await seedDemo();
    const second = await seedDemo({ ownerPassword: "chosen password for demo" });
    expect(second.organization_id).toBe(first.organization_id);
    expect(second.owner.email).toBe(DEMO_OWNER_EMAIL);
    expect(isWellFormedApiToken(first.token) && isWellFormedApiToken(second.token)).toBe(true);
    expect(second.token).not.toBe(first.token);

    expect(await database.db.organization.count()).toBe(1);
    expect(await database.db.project.count()).toBe(1);
    expect(await database.db.secretLevel.count()).toBe(3);
    const tokens = await database.db.apiToken.findMany({ select: { tokenHash: true, permissions: true, organizationId: true } });
    expect(tokens.map((token) => token.tokenHash).sort()).toEqual([hashApiToken(first.token), hashApiToken(second.token)].sort());
    expect((tokens[0]!.permissions as unknown[]).length).toBe(35);

    const owner = await database.db.user.findUniqueOrThrow({ where: { email: DEMO_OWNER_EMAIL }, select: { passwordHash: true } });
    expect(await verifyPassword(owner.passwordHash, "chosen password for demo")).toBe(true);
  });

  it("stores my-app → backend → production secrets encrypted under the project's server-managed key", async () => {
    const project = await database.db.project.findFirstOrThrow({ where: { slug: "my-app" }, select: { id: true, custody: true } });
    expect(project.custody).toBe("SERVER");
    const key = await database.db.projectKeyVersion.findFirstOrThrow({ where: { projectId: project.id }, select: { iterations: true, wrappedKey: true } });
    expect(key.iterations).toBe(600_000);
    expect(key.wrappedKey).toMatch(/^v1\./);
    const { dataKey } = await serverDataKey(database.db, project.id, 1);
    const environment = await database.db.secretLevel.findFirstOrThrow({ where: { kind: "ENVIRONMENT" }, select: { blob: true, version: true } });
    expect(environment.version).toBe(1);
    expect(environment.blob).not.toContain("sk_demo");
    expect(Object.fromEntries(await openBlob(dataKey, environment.blob))).toEqual({ LOG_LEVEL: "warn", API_KEY: "sk_demo_4f9a2c7e1b", DEBUG: "false" });
    expect(await database.db.secretVersion.count()).toBe(3);
  });
});
