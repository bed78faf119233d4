import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveProjectKey } from "@/lib/crypto";
import type { ServiceContext } from "@/lib/services/context";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import {
  allowed, clientKey, contextFor, keysOf, LEVELS, newOrganization, projectRef, projectWithLevels, serverKey, snapshot, store,
} from "@/scripts/testing/key-fixture";
import { readSecrets, readSecretsPlan, retrieveKey, retrieveKeyPlan } from "../secrets/read";
import { custodyPlan, switchCustody } from "./custody";
import { reencryptHistory, reencryptPlan } from "./reencrypt";
import { rotateKey, rotatePlan } from "./rotation";

// Switching custody against a real database (both kinds): the round trip server → client → server
// leaves every ciphertext byte-identical, the server forgets (and later regains) the key material,
// and key:retrieve hands that material only to callers who may rotate the key.

let database: TestDatabase;
let context: ServiceContext;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 14).toString("base64");
  database = await openTestDatabase();
  context = await newOrganization(database);
}, 120_000);
afterAll(async () => {
  await database?.close();
});

const switchTo = async (slug: string, input: Parameters<typeof switchCustody>[2]) => switchCustody(context, (await allowed(context, custodyPlan(slug))).level.project, input);
const decrypted = async (slug: string) =>
  readSecrets(context, (await allowed(context, readSecretsPlan({ project: slug, target: "api", environment: "prod" }, true))).level, { decrypt: true, merge: "true", raw: false });
const retrieve = async (slug: string, as = context) => retrieveKey(as, (await allowed(as, retrieveKeyPlan({ project: slug }))).level);
const wrapped = async (projectId: string) =>
  (await database.sql(`SELECT version, ("wrappedKey" IS NOT NULL) AS held FROM "ProjectKeyVersion" WHERE "projectId" = $1 ORDER BY version`, [projectId])).map((row) => row.held);

describe("custody round trip", () => {
  it("server → client → server changes no ciphertext; the server forgets the key, then holds it again", async () => {
    await projectWithLevels(context, "trip", "server");
    const project = await projectRef(context, "trip");
    const key = await serverKey(context, "trip");
    for (const [index, level] of LEVELS.entries()) {
      await store(context, "trip", level, key.dataKey, { FIRST: `v1-${index}` });
      await store(context, "trip", level, key.dataKey, { FIRST: `v2-${index}`, SECOND: "s" });
    }
    const before = await snapshot(database, project.id);
    const values = await decrypted("trip");

    // The hand-over: key:retrieve gives the material to a caller who may rotate the key; the proof shows it was received.
    expect(key.passphrase).toEqual(expect.any(String));
    const { keyProof } = await deriveProjectKey(key.passphrase!, key.salt!, key.iterations!);
    await expect(switchTo("trip", { custody: "client", key_proof: (await clientKey()).keyProof })).rejects.toMatchObject({ code: "key_proof_mismatch" });
    expect(await switchTo("trip", { custody: "client", key_proof: keyProof })).toEqual({ custody: "client", previous_custody: "server", version: 1 });

    expect(await wrapped(project.id)).toEqual([false]);
    expect(await snapshot(database, project.id)).toEqual(before);
    await expect(decrypted("trip")).rejects.toMatchObject({ code: "validation_failed" });
    const asClient = await retrieve("trip");
    expect(asClient).not.toHaveProperty("data_key");
    expect(asClient).not.toHaveProperty("passphrase");
    expect((await keysOf(context, "trip")).data[0]).toMatchObject({ custody: "client", salt: key.salt });
    await expect(switchTo("trip", { custody: "client", key_proof: keyProof })).rejects.toMatchObject({ code: "validation_failed" });

    await expect(switchTo("trip", { custody: "server", passphrase: `${key.passphrase}x` })).rejects.toMatchObject({ code: "key_proof_mismatch" });
    expect(await switchTo("trip", { custody: "server", passphrase: key.passphrase! })).toEqual({ custody: "server", previous_custody: "client", version: 1 });
    expect(await wrapped(project.id)).toEqual([true]);
    expect(await snapshot(database, project.id)).toEqual(before);
    expect(await decrypted("trip")).toEqual(values);

    const events = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'key.custody.update' AND "organizationId" = $1 ORDER BY sequence`, [context.organizationId]);
    expect(events.map((event) => event.metadata)).toEqual([
      { project: "trip", from: "server", to: "client", version: 1 },
      { project: "trip", from: "client", to: "server", version: 1 },
    ]);
    expect(JSON.stringify(await database.sql(`SELECT metadata FROM "AuditEvent"`))).not.toContain(key.passphrase!);
  });

  it("a client-managed project handed to the server: its passphrase is checked against the proof", async () => {
    const key = await clientKey();
    await projectWithLevels(context, "handed", "client", key);
    await store(context, "handed", LEVELS[2], key.dataKey, { HELLO: "world" }, key.keyProof);
    await expect(switchTo("handed", { custody: "server", passphrase: "not the passphrase" })).rejects.toMatchObject({ code: "key_proof_mismatch" });
    await switchTo("handed", { custody: "server", passphrase: key.passphrase });
    expect(await decrypted("handed")).toMatchObject({ view: { attributes: { secrets: { HELLO: "world" } } } });
  });
});

describe("refusals", () => {
  it("refuses a switch while history holds versions under an older key, and allows it once re-encrypted", async () => {
    await projectWithLevels(context, "stale", "server");
    const key = await serverKey(context, "stale");
    await store(context, "stale", LEVELS[0], key.dataKey, { A: "a" });
    await store(context, "stale", LEVELS[0], key.dataKey, { A: "b" });
    await rotateKey(context, (await allowed(context, rotatePlan("stale"))).level.project, {});
    const next = await serverKey(context, "stale");
    const { keyProof } = await deriveProjectKey(next.passphrase!, next.salt!, next.iterations!);
    await expect(switchTo("stale", { custody: "client", key_proof: keyProof })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("Re-encrypt history first") });
    await reencryptHistory(context, (await allowed(context, reencryptPlan("stale"))).level.project, {});
    expect((await switchTo("stale", { custody: "client", key_proof: keyProof })).version).toBe(2);
    expect(await wrapped((await projectRef(context, "stale")).id)).toEqual([false, false]);
  });

  it("key:retrieve gives the key material only with key:rotate, and only for server-managed projects", async () => {
    await projectWithLevels(context, "material", "server");
    const reader = contextFor(context.organizationId, [{ permission: "key:retrieve" }]);
    const rotator = contextFor(context.organizationId, [{ permission: "key:retrieve" }, { permission: "key:rotate", scope: { project: (await projectRef(context, "material")).id } }]);
    const asReader = await retrieve("material", reader);
    expect(asReader.data_key).toEqual(expect.any(String));
    expect(asReader).not.toHaveProperty("passphrase");
    expect((await retrieve("material", rotator)).passphrase).toEqual(expect.any(String));
  });
});
