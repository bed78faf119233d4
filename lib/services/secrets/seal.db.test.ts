import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import type { ServiceContext } from "@/lib/services/context";
import { ALLOW_ALL, unscopedGrants } from "@/lib/authz";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { seedDemo } from "../seed/demo-seed";
import { createProject } from "../projects/projects";
import { enforce } from "../access/enforce";
import { readSecrets, readSecretsPlan } from "./read";
import { sealSecrets } from "./seal";

// Server-side sealing (the editor's save for server-managed projects) against a real database: a
// Member (secret:write, no secret:decrypt) sets a value, unchanged values travel as ciphertext, and
// everything storeSecrets checks (expected_version, ciphertexts, permissions) applies unchanged.

const PRODUCTION = { project: "my-app", target: "backend", environment: "production" };
const VECTOR_KEY = { salt: "8OHSw7Sllod4aVpLPC0eDw==", iterations: 600_000, key_proof: "9A6t5I4D9bbE4Gg6oATgPJnhUhxkjqerSCnsxGTR26w=" };

let database: TestDatabase;
let owner: ServiceContext;
const as = (role: "MEMBER" | "AUDITOR"): ServiceContext => ({
  ...owner, principal: { kind: "user", userId: newId(), organizationId: owner.organizationId, role, teamIds: [] },
});

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 7).toString("base64");
  database = await openTestDatabase();
  const seed = await seedDemo({ organizationName: "Seal", ownerEmail: "seal-owner@example.test" });
  owner = {
    principal: { kind: "token", tokenId: newId(), organizationId: seed.organization_id, grants: unscopedGrants(ALLOW_ALL) },
    organizationId: seed.organization_id, path: "/test",
    actor: { actorType: "TOKEN", actorId: newId(), actorLabel: "test", source: "DASHBOARD", ip: null, userAgent: null },
  };
}, 120_000);
afterAll(async () => {
  await database?.close();
});

interface LevelView {
  levels: { environment: Record<string, string> };
  versions: { environment: number };
  tags: { environment: Record<string, string[]> };
}

async function level(decrypt: boolean): Promise<LevelView> {
  const { level } = await enforce(owner, readSecretsPlan(PRODUCTION, decrypt));
  const result = (await readSecrets(owner, level, { decrypt, merge: "false", raw: false })) as unknown as { view: { attributes: LevelView } };
  return result.view.attributes;
}

describe("sealSecrets", () => {
  it("lets a Member set a value without seeing the others, keeping them as they were", async () => {
    const before = await level(false);
    const ciphertexts = before.levels.environment as Record<string, string>;
    const entries = Object.entries(ciphertexts).map(([name, ciphertext]) => (name === "API_KEY" ? { name, value: "set-by-member" } : { name, ciphertext }));
    const saved = await sealSecrets(as("MEMBER"), { ...PRODUCTION, entries: [...entries, { name: "NEW_ONE", value: "n" }], tags: { NEW_ONE: ["db"] }, expected_version: before.versions.environment });
    expect(saved.version).toBe(before.versions.environment + 1);

    const after = await level(true);
    expect(after.levels.environment.API_KEY).toBe("set-by-member");
    expect(after.levels.environment.NEW_ONE).toBe("n");
    expect(after.tags.environment).toEqual({ NEW_ONE: ["db"] });
    const raw = await level(false);
    for (const [name, ciphertext] of Object.entries(ciphertexts)) if (name !== "API_KEY") expect(raw.levels.environment[name]).toBe(ciphertext);
    const audit = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'secret.write' ORDER BY sequence DESC LIMIT 1`);
    expect(audit[0]!.metadata).toMatchObject({ names_added: ["NEW_ONE"], names_changed: ["API_KEY"], level: "environment" });
    expect(JSON.stringify(audit[0]!.metadata)).not.toContain("set-by-member");
  });

  it("refuses a stale expected_version, an Auditor, a foreign ciphertext and a client-managed project", async () => {
    const current = await level(false);
    const stale = sealSecrets(owner, { ...PRODUCTION, entries: [{ name: "A", value: "1" }], expected_version: current.versions.environment - 1 });
    await expect(stale).rejects.toMatchObject({ code: "version_conflict" });
    await expect(sealSecrets(as("AUDITOR"), { ...PRODUCTION, entries: [{ name: "A", value: "1" }] })).rejects.toMatchObject({ code: "insufficient_permissions" });
    // A ciphertext moved to another name does not decrypt (the name is its AAD): nothing is stored.
    const moved = sealSecrets(owner, { ...PRODUCTION, entries: [{ name: "OTHER", ciphertext: current.levels.environment.API_KEY! }] });
    await expect(moved).rejects.toMatchObject({ code: "invalid_ciphertext" });
    await expect(sealSecrets(owner, { ...PRODUCTION, entries: [{ name: "A", value: "1" }, { name: "A", value: "2" }] })).rejects.toMatchObject({ code: "invalid_content" });
    await expect(sealSecrets(owner, { ...PRODUCTION, entries: [{ name: "bad name", value: "1" }] })).rejects.toMatchObject({ code: "validation_failed" });
    expect((await level(false)).versions.environment).toBe(current.versions.environment);

    await createProject(owner, { slug: "zero", name: "Zero", custody: "client", key: VECTOR_KEY } as never);
    await expect(sealSecrets(owner, { project: "zero", entries: [{ name: "A", value: "1" }] })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
