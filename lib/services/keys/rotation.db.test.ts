import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBlob, sealBlob } from "@/lib/crypto";
import { ImmutableKeyError } from "@/lib/data/immutable-keys";
import type { ServiceContext } from "@/lib/services/context";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import {
  allowed, clientKey, keysOf, LEVELS, newOrganization, openAll, projectRef, projectWithLevels, serverKey, snapshot, store, type ClientKey,
} from "@/scripts/testing/key-fixture";
import { readSecrets, readSecretsPlan } from "../secrets/read";
import { getVersion, readVersionPlan } from "../secrets/versions";
import type { KeyChangePoint } from "./hooks";
import { rotateKey, rotatePlan } from "./rotation";
import { serverDataKey } from "./server-custody";

// Rotation against a real database (both kinds; the concurrent cases only race on PostgreSQL,
// where the pool has several connections — PGlite runs them one after the other).

let database: TestDatabase;
let context: ServiceContext;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 12).toString("base64");
  database = await openTestDatabase();
  context = await newOrganization(database);
}, 120_000);
afterAll(async () => {
  await database?.close();
});

const VALUES: Record<string, string>[] = [{ SHARED: "project-wide", DB_URL: "postgres://p" }, { API_TOKEN: "target-token" }, { DB_URL: "postgres://prod", EMPTY: "" }];
const rotate = async (slug: string, input: Parameters<typeof rotateKey>[2] = {}, hooks?: Parameters<typeof rotateKey>[3]) =>
  rotateKey(context, (await allowed(context, rotatePlan(slug))).level.project, input, hooks);
type Attributes = { secrets: Record<string, string>; versions: Record<string, number>; key_versions: Record<string, number>; key: { custody: string; version: number } };
const merged = async (slug: string): Promise<Attributes> =>
  ((await readSecrets(context, (await allowed(context, readSecretsPlan({ project: slug, target: "api", environment: "prod" }, true))).level, { decrypt: true, merge: "both", raw: false })) as unknown as { view: { attributes: Attributes } }).view.attributes;
const serverKeyOf = (projectId: string) => async (version: number) => (await serverDataKey(database.db, projectId, version)).dataKey;

/** A server-managed project: every level written twice (so history holds an older version of each). */
async function serverProject(slug: string) {
  await projectWithLevels(context, slug, "server");
  const { dataKey } = await serverKey(context, slug);
  for (const [index, level] of LEVELS.entries()) {
    await store(context, slug, level, dataKey, { OLD: "first write" });
    await store(context, slug, level, dataKey, VALUES[index]!);
  }
  return { dataKey, project: await projectRef(context, slug) };
}

describe("server-managed rotation", () => {
  it("re-encrypts every level's current values as a new version under a new key; history keeps its key until re-encrypted", async () => {
    const { dataKey: oldKey, project } = await serverProject("srv");
    const before = await merged("srv");
    const rotated = await rotate("srv", {});
    expect(rotated).toMatchObject({ version: 2, state: "active", custody: "server", previous_version: 1, levels_reencrypted: 3, stale_versions: 6 });

    const after = await merged("srv");
    expect(after).toMatchObject({ secrets: before.secrets, versions: { project: 3, target: 3, environment: 3 } });
    expect(after.key_versions).toEqual({ project: 2, target: 2, environment: 2 });
    expect(after.key).toMatchObject({ custody: "server", version: 2 });

    // Each level's new version records key 2 and names no change; the versions before still record key 1 and open with it.
    const blobs = await snapshot(database, project.id);
    expect(blobs.map((blob) => `${blob.kind}:${blob.version}:${blob.keyVersion}`).sort()).toEqual([
      "level:3:2", "level:3:2", "level:3:2", "version:1:1", "version:1:1", "version:1:1", "version:2:1", "version:2:1", "version:2:1", "version:3:2", "version:3:2", "version:3:2",
    ]);
    const [reencrypted] = await database.sql(`SELECT "namesAdded", "namesRemoved", "namesChanged" FROM "SecretVersion" WHERE "keyVersion" = 2 LIMIT 1`);
    expect(reencrypted).toEqual({ namesAdded: [], namesRemoved: [], namesChanged: [] });
    await openAll(blobs, serverKeyOf(project.id));
    const first = await getVersion(context, (await allowed(context, readVersionPlan({ project: "srv", target: "api", environment: "prod" }, true))).level, 1, { decrypt: true });
    expect(first).toMatchObject({ key_version: 1, secrets: { OLD: "first write" } });

    // The old key's ciphertext is refused with 409 key_rotated; a foreign one stays 422.
    await expect(store(context, "srv", LEVELS[2], oldKey, { LATE: "under the old key" })).rejects.toMatchObject({ code: "key_rotated", status: 409 });
    const { dataKey: stranger } = await clientKey();
    await expect(store(context, "srv", LEVELS[2], stranger, { LATE: "x" })).rejects.toMatchObject({ code: "invalid_ciphertext" });
    const { dataKey: newKey } = await serverKey(context, "srv");
    expect((await store(context, "srv", LEVELS[2], newKey, { LATE: "under the new key" })).version).toBe(4);

    // The listing, and the rotated record frozen by the data layer.
    const keys = await keysOf(context, "srv");
    expect(keys.data.map(({ version, state, custody, secret_versions }) => ({ version, state, custody, secret_versions }))).toEqual([
      { version: 2, state: "active", custody: "server", secret_versions: 4 },
      { version: 1, state: "rotated", custody: "server", secret_versions: 6 },
    ]);
    expect(keys.data[1]!.rotated_at).toBeInstanceOf(Date);
    expect(keys.meta).toMatchObject({ active_version: 2, stale_versions: 6 });
    await expect(
      database.db.projectKeyVersion.update({ where: { projectId_version: { projectId: project.id, version: 1 } }, data: { salt: "AAAAAAAAAAAAAAAAAAAAAA==" } }),
    ).rejects.toThrow(ImmutableKeyError);

    const [event] = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'key.rotate' AND "organizationId" = $1`, [context.organizationId]);
    expect(event!.metadata).toEqual({ project: "srv", custody: "server", from_version: 1, to_version: 2, levels: 3 });
  });

  it("refuses a client-managed body, and a stale expected_version with 409 key_rotated", async () => {
    await projectWithLevels(context, "srv-refusals", "server");
    const key = await clientKey();
    await expect(rotate("srv-refusals", { key_proof: key.keyProof, new: key.setup, levels: [] })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(rotate("srv-refusals", { expected_version: 7 })).rejects.toMatchObject({ code: "key_rotated" });
    expect((await rotate("srv-refusals", { expected_version: 1 })).version).toBe(2);
  });
});

describe("client-managed rotation", () => {
  async function clientProject(slug: string) {
    const key = await clientKey();
    await projectWithLevels(context, slug, "client", key);
    for (const [index, level] of LEVELS.entries()) await store(context, slug, level, key.dataKey, VALUES[index]!, key.keyProof);
    return { key, project: await projectRef(context, slug) };
  }

  /** What a client submits: every level decrypted with the old key and sealed with the new one. */
  async function reencrypted(projectId: string, from: ClientKey, to: ClientKey) {
    const rows = await database.sql(`SELECT "ownerId", blob, version FROM "SecretLevel" WHERE "projectId" = $1`, [projectId]);
    const levels = await database.db.secretLevel.findMany({ where: { projectId }, select: { ownerId: true, target: { select: { slug: true } }, environment: { select: { slug: true } } } });
    return Promise.all(rows.map(async (row) => {
      const where = levels.find((level) => level.ownerId === row.ownerId)!;
      return {
        ...(where.target ? { target: where.target.slug } : {}), ...(where.environment ? { environment: where.environment.slug } : {}),
        content: await sealBlob(to.dataKey, await openBlob(from.dataKey, row.blob as string)), expected_version: row.version as number,
      };
    }));
  }

  it("takes every level re-encrypted by the client and the new key's proof; the passphrase never reaches the server", async () => {
    const { key: oldKey, project } = await clientProject("zk");
    const newKey = await clientKey();
    const levels = await reencrypted(project.id, oldKey, newKey);

    // Every level that has content must be there, named when missing; the current key's proof is required.
    await expect(rotate("zk", { key_proof: oldKey.keyProof, new: newKey.setup, levels: levels.slice(1) })).rejects.toMatchObject({
      code: "validation_failed", message: expect.stringContaining("missing: the project level"),
    });
    await expect(rotate("zk", { key_proof: newKey.keyProof, new: newKey.setup, levels })).rejects.toMatchObject({ code: "key_proof_mismatch" });
    await expect(rotate("zk", { key_proof: oldKey.keyProof, new: oldKey.setup, levels })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("new.key_proof") });
    const renamed = [{ ...levels[0]!, content: await sealBlob(newKey.dataKey, { SOMETHING_ELSE: "x" }) }, ...levels.slice(1)];
    await expect(rotate("zk", { key_proof: oldKey.keyProof, new: newKey.setup, levels: renamed })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(rotate("zk", { key_proof: oldKey.keyProof, new: newKey.setup, levels: [{ ...levels[0]!, expected_version: 9 }, ...levels.slice(1)] })).rejects.toMatchObject({ code: "version_conflict" });
    await expect(rotate("zk", {})).rejects.toMatchObject({ code: "validation_failed" });
    expect((await keysOf(context, "zk")).meta.active_version).toBe(1);

    const rotated = await rotate("zk", { key_proof: oldKey.keyProof, new: newKey.setup, levels });
    expect(rotated).toMatchObject({ version: 2, custody: "client", salt: newKey.salt, previous_version: 1, levels_reencrypted: 3 });
    const [row] = await database.sql(`SELECT "wrappedKey", salt, "proofHash" FROM "ProjectKeyVersion" WHERE "projectId" = $1 AND state = 'ACTIVE'`, [project.id]);
    expect(row).toMatchObject({ wrappedKey: null, salt: newKey.salt });
    expect(JSON.stringify(await database.sql(`SELECT * FROM "ProjectKeyVersion"`))).not.toContain(newKey.passphrase);

    // Every current blob opens with the new key and records it; the old key's proof is now 409.
    const current = (await snapshot(database, project.id)).filter((blob) => blob.kind === "level");
    expect(current.map((blob) => blob.keyVersion)).toEqual([2, 2, 2]);
    expect(await openAll(current, async () => newKey.dataKey)).toEqual(expect.arrayContaining(VALUES));
    await expect(store(context, "zk", LEVELS[1], oldKey.dataKey, { X: "x" }, oldKey.keyProof)).rejects.toMatchObject({ code: "key_rotated" });
    expect((await store(context, "zk", LEVELS[1], newKey.dataKey, { X: "x" }, newKey.keyProof)).version).toBe(3);
  });
});

describe("crash safety", () => {
  it("a rotation that fails at any point leaves the old key and every blob as they were; a retry completes", async () => {
    const { project } = await serverProject("crash");
    const before = await snapshot(database, project.id);
    const points: KeyChangePoint[] = ["rotate:resealed", "rotate:levels-written", "rotate:key-switched"];
    for (const point of points) {
      const crash = { at: (reached: KeyChangePoint) => { if (reached === point) throw new Error(`crash at ${point}`); } };
      await expect(rotate("crash", {}, crash)).rejects.toThrow(`crash at ${point}`);
      expect(await snapshot(database, project.id)).toEqual(before);
      expect((await keysOf(context, "crash")).data.map((key) => `${key.version}:${key.state}`)).toEqual(["1:active"]);
      await openAll(before, serverKeyOf(project.id));
    }
    expect((await rotate("crash", {})).version).toBe(2);
    const after = await snapshot(database, project.id);
    await openAll(after, serverKeyOf(project.id));
    expect(after.filter((blob) => blob.keyVersion === 2)).toHaveLength(6);
  });
});

describe("concurrency", () => {
  it("of two concurrent rotations exactly one wins; the other is 409 key_rotated", async () => {
    await serverProject("race");
    const results = await Promise.allSettled([rotate("race", {}), rotate("race", {})]);
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    if (database.kind === "postgres") {
      expect(results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(["key_rotated"]);
    }
    expect((await keysOf(context, "race")).meta.active_version).toBe(2);
  });

  it("writes racing a rotation either commit under the key they checked or are refused; every blob opens under the key it records", async () => {
    const { dataKey, project } = await serverProject("busy");
    const writes = Array.from({ length: 8 }, (_, index) => store(context, "busy", LEVELS[index % 3]!, dataKey, { WRITE: String(index) }));
    const [rotation, ...outcomes] = await Promise.allSettled([rotate("busy", {}), ...writes]);
    expect(rotation.status).toBe("fulfilled");
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "key_rotated" });
    }
    const blobs = await snapshot(database, project.id);
    await openAll(blobs, serverKeyOf(project.id));
    expect(blobs.filter((blob) => blob.kind === "level").map((blob) => blob.keyVersion)).toEqual([2, 2, 2]);
  });
});
