import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "@/lib/services/context";
import { type TestDatabase } from "@/scripts/testing/database";
import { openDemo, type Demo } from "@/scripts/testing/demo-fixture";
import { enforce } from "../access/enforce";
import { restorePlan, restoreVersion } from "./history";
import { readSecrets, readSecretsPlan } from "./read";
import { getVersion, listVersions, listVersionsPlan, readVersionPlan } from "./versions";
import { storePlan, storeSecrets } from "./write";

// A stored value that no longer decrypts (altered or corrupted in the database after it was
// accepted) is an integrity failure: 422 invalid_ciphertext naming the level and the secret, never
// the value; logged and audited; and such a version cannot be restored.

const PRODUCTION = { project: "my-app", target: "backend", environment: "production" };

let database: TestDatabase;
let context: ServiceContext;
let seal: Demo["seal"];

beforeAll(async () => {
  ({ database, context, seal } = await openDemo("Integrity", 5));
}, 120_000);
afterAll(async () => {
  await database?.close();
});

const production = async (plan: (level: typeof PRODUCTION) => Parameters<typeof enforce>[1]) => (await enforce(context, plan(PRODUCTION))).level;

/** Flips one character in the middle of NAME's ciphertext: still base64, no longer authentic. */
function tamper(blob: string, name: string): string {
  return blob
    .split("\n")
    .map((line) => {
      if (!line.startsWith(`${name}=`)) return line;
      const at = name.length + 1 + Math.floor((line.length - name.length - 1) / 2);
      return line.slice(0, at) + (line[at] === "A" ? "B" : "A") + line.slice(at + 1);
    })
    .join("\n");
}

async function tamperStored(name: string, version: number | "current") {
  const [level] = await database.sql(`SELECT id, blob FROM "SecretLevel" WHERE "ownerId" = (SELECT id FROM "Environment" WHERE slug = 'production' LIMIT 1)`);
  if (version === "current") {
    await database.sql(`UPDATE "SecretLevel" SET blob = $1 WHERE id = $2`, [tamper(String(level!.blob), name), level!.id]);
    return;
  }
  const [row] = await database.sql(`SELECT id, blob FROM "SecretVersion" WHERE "levelId" = $1 AND version = $2`, [level!.id, version]);
  await database.sql(`UPDATE "SecretVersion" SET blob = $1 WHERE id = $2`, [tamper(String(row!.blob), name), row!.id]);
}

const integrityEvents = () => database.db.auditEvent.findMany({ where: { action: "secret.integrity_failure" }, orderBy: { sequence: "asc" } });

describe("a stored value that no longer decrypts", () => {
  it("answers 422 invalid_ciphertext naming the level and the name, and is audited; ciphertext reads still work", async () => {
    const first = await storeSecrets(context, await production(storePlan), { content: await seal({ API_KEY: "first-secret-value", PORT: "8080" }) });
    await storeSecrets(context, await production(storePlan), { content: await seal({ API_KEY: "second-secret-value", PORT: "8080" }) });
    await tamperStored("API_KEY", "current");

    const refused = await readSecrets(context, await production((level) => readSecretsPlan(level, true)), { decrypt: true, merge: "true", raw: false }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "invalid_ciphertext", status: 422 });
    const message = (refused as Error).message;
    expect(message).toContain("API_KEY");
    expect(message).toContain("my-app/backend/production");
    expect(message).not.toContain("second-secret-value");

    const [event] = await integrityEvents();
    expect(event).toMatchObject({ outcome: "ERROR", status: 422 });
    expect(event!.metadata).toMatchObject({ level: "my-app/backend/production", name: "API_KEY" });
    expect(JSON.stringify(event)).not.toContain("secret-value");

    // Without decrypting, the ciphertext is still handed out (a client may hold another copy of the key).
    const encrypted = await readSecrets(context, await production((level) => readSecretsPlan(level, false)), { decrypt: false, merge: "true", raw: false });
    expect(encrypted).toHaveProperty("view.attributes.encrypted", true);
    expect(first.version).toBeGreaterThan(0);
  });

  it("refuses to decrypt or restore a version that no longer decrypts, and changes nothing", async () => {
    const versions = async () => (await listVersions(context, await production(listVersionsPlan), {})).data.map((version) => version.version);
    const before = await versions();
    const older = before[1]!;
    await tamperStored("API_KEY", older);

    await expect(getVersion(context, await production((level) => readVersionPlan(level, true)), older, { decrypt: true })).rejects.toMatchObject({
      code: "invalid_ciphertext", message: expect.stringContaining(`my-app/backend/production version ${older}`),
    });
    await expect(restoreVersion(context, await production(restorePlan), older, {})).rejects.toMatchObject({ code: "invalid_ciphertext", status: 422 });
    expect(await versions()).toEqual(before);
    expect((await integrityEvents()).length).toBe(3);
  });

  it("does not hold a value a deeper level overrides against a merged read, only against its own level's", async () => {
    const PROJECT = { project: "my-app" };
    await storeSecrets(context, (await enforce(context, storePlan(PROJECT))).level, { content: await seal({ SHADOWED: "project value", ONLY_PROJECT: "kept" }) });
    await storeSecrets(context, await production(storePlan), { content: await seal({ SHADOWED: "environment value", PORT: "8080" }) });
    const [project] = await database.sql(`SELECT id, blob FROM "SecretLevel" WHERE kind = 'PROJECT'`);
    await database.sql(`UPDATE "SecretLevel" SET blob = $1 WHERE id = $2`, [tamper(String(project!.blob), "SHADOWED"), project!.id]);
    const failuresBefore = (await integrityEvents()).length;

    const merged = await readSecrets(context, await production((level) => readSecretsPlan(level, true)), { decrypt: true, merge: "true", raw: false });
    expect(merged).toMatchObject({ view: { attributes: { secrets: { SHADOWED: "environment value", ONLY_PROJECT: "kept", PORT: "8080" } } } });
    // In the order of the first level naming each, as when every value is decrypted.
    const names = Object.keys("view" in merged ? (merged.view.attributes.secrets as Record<string, string>) : {});
    expect([names[0], names[1], names.at(-1)]).toEqual(["SHADOWED", "ONLY_PROJECT", "PORT"]);
    // Every level shown: the project's value is shown too, and refused.
    await expect(readSecrets(context, await production((level) => readSecretsPlan(level, true)), { decrypt: true, merge: "both", raw: false })).rejects.toMatchObject({
      code: "invalid_ciphertext", message: expect.stringContaining("SHADOWED"),
    });
    expect((await integrityEvents()).length).toBe(failuresBefore + 1);
    await storeSecrets(context, (await enforce(context, storePlan(PROJECT))).level, { content: await seal({}) });
  });
});
