import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import { openBlob, sealBlob } from "@/lib/crypto";
import type { ServiceContext } from "@/lib/services/context";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import {
  allowed, clientKey, contextFor, keysOf, LEVELS, newOrganization, openAll, projectRef, projectWithLevels, serverKey, snapshot, store,
} from "@/scripts/testing/key-fixture";
import { restorePlan, restoreVersion } from "../secrets/history";
import type { KeyChangePoint } from "./hooks";
import { reencryptHistory, reencryptPlan } from "./reencrypt";
import { rotateKey, rotatePlan } from "./rotation";
import { serverDataKey } from "./server-custody";

// Re-encrypting history against a real database (both kinds): batches with a cursor, an
// interruption in the middle, idempotent repeats, and the client-managed flow with `pending`.

let database: TestDatabase;
let context: ServiceContext;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 13).toString("base64");
  database = await openTestDatabase();
  context = await newOrganization(database);
}, 120_000);
afterAll(async () => {
  await database?.close();
});

const projectOf = async (slug: string, as = context) => (await allowed(as, reencryptPlan(slug))).level.project;
const reencrypt = async (slug: string, input: Parameters<typeof reencryptHistory>[2], hooks?: Parameters<typeof reencryptHistory>[3], as = context) =>
  reencryptHistory(as, await projectOf(slug, as), input, hooks);
const rotate = async (slug: string, input: Parameters<typeof rotateKey>[2] = {}) => rotateKey(context, (await allowed(context, rotatePlan(slug))).level.project, input);

/** Older history of one level, written straight into the table (what many writes leave behind). */
async function addHistory(projectId: string, count: number, seal: () => Promise<string>, keyVersion: number) {
  const [level] = await database.sql(`SELECT id, version FROM "SecretLevel" WHERE "ownerId" = $1`, [projectId]);
  const rows = await Promise.all(Array.from({ length: count }, async (_, index) => ({
    id: newId(), levelId: level!.id as string, version: 1000 + index, blob: await seal(), keyVersion, source: "API" as const,
    actorType: "SYSTEM" as const, actorLabel: "history fixture", namesAdded: [], namesRemoved: [], namesChanged: [],
  })));
  await database.db.secretVersion.createMany({ data: rows });
}

describe("server-managed", () => {
  it("walks history in batches of 200 with a cursor; an interrupted batch changes nothing; a repeat is a no-op", async () => {
    await projectWithLevels(context, "walk", "server");
    const project = await projectRef(context, "walk");
    const { dataKey } = await serverKey(context, "walk");
    for (const [index, level] of LEVELS.entries()) await store(context, "walk", level, dataKey, { VALUE: `level ${index}`, OTHER: "x" });
    await addHistory(project.id, 247, () => sealBlob(dataKey, { VALUE: "old", OTHER: "y" }), 1);
    await rotate("walk");
    const stale = (await keysOf(context, "walk")).meta.stale_versions;
    expect(stale).toBe(250); // the fixture's history and each level's version before the rotation

    const crash = { at: (point: KeyChangePoint) => { if (point === "reencrypt:batch-written") throw new Error("killed mid-batch"); } };
    const before = await snapshot(database, project.id);
    await expect(reencrypt("walk", {}, crash)).rejects.toThrow("killed mid-batch");
    expect(await snapshot(database, project.id)).toEqual(before);

    const first = await reencrypt("walk", {});
    expect(first).toMatchObject({ done: false, remaining: 50, re_encrypted: 200, active_version: 2, next_cursor: expect.any(String) });
    await expect(reencrypt("walk", { cursor: first.next_cursor! }, crash)).rejects.toThrow("killed mid-batch");
    const second = await reencrypt("walk", { cursor: first.next_cursor! });
    expect(second).toMatchObject({ done: true, remaining: 0, re_encrypted: 50, next_cursor: null });
    expect(await reencrypt("walk", {})).toMatchObject({ done: true, remaining: 0, re_encrypted: 0 });

    const after = await snapshot(database, project.id);
    expect(after.every((blob) => blob.keyVersion === 2)).toBe(true);
    const opened = await openAll(after, async (version) => (await serverDataKey(database.db, project.id, version)).dataKey);
    expect(opened.filter((values) => values.VALUE === "old")).toHaveLength(247);
    expect((await keysOf(context, "walk")).data.map((key) => key.secret_versions)).toEqual([after.length - 3, 0]);
    const events = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'key.history.reencrypt' AND "organizationId" = $1 ORDER BY sequence`, [context.organizationId]);
    expect(events.map((event) => event.metadata)).toEqual([
      { project: "walk", version: 2, re_encrypted: 200, remaining: 50 },
      { project: "walk", version: 2, re_encrypted: 50, remaining: 0 },
      { project: "walk", version: 2, re_encrypted: 0, remaining: 0 },
    ]);
  });

  it("also re-encrypts a current blob restored from before the rotation", async () => {
    await projectWithLevels(context, "restored", "server");
    const project = await projectRef(context, "restored");
    const { dataKey } = await serverKey(context, "restored");
    await store(context, "restored", LEVELS[0], dataKey, { A: "one" });
    await store(context, "restored", LEVELS[0], dataKey, { A: "two" });
    await rotate("restored");
    const restored = await restoreVersion(context, (await allowed(context, restorePlan({ project: "restored" }))).level, 1, {});
    expect(restored.key_version).toBe(1);
    expect(await reencrypt("restored", {})).toMatchObject({ done: true, re_encrypted: 3 }); // versions 1, 2 and the restored 4
    const levels = (await snapshot(database, project.id)).filter((blob) => blob.kind === "level");
    expect(levels.map((blob) => blob.keyVersion)).toEqual([2]);
    expect(await openAll(levels, async (version) => (await serverDataKey(database.db, project.id, version)).dataKey)).toEqual([{ A: "one" }]);
  });
});

describe("client-managed", () => {
  it("hands out pending ciphertext, takes the client's re-encryption, and checks names, key and versions", async () => {
    const oldKey = await clientKey();
    await projectWithLevels(context, "zk-history", "client", oldKey);
    const project = await projectRef(context, "zk-history");
    for (const round of [1, 2, 3]) for (const level of LEVELS) await store(context, "zk-history", level, oldKey.dataKey, { ROUND: String(round), FIXED: "same" }, oldKey.keyProof);
    const newKey = await clientKey();
    const levels = await Promise.all(LEVELS.map(async (level) => ({ ...level, content: await sealBlob(newKey.dataKey, { ROUND: "3", FIXED: "same" }) })));
    await rotate("zk-history", { key_proof: oldKey.keyProof, new: newKey.setup, levels });

    await expect(reencrypt("zk-history", {})).rejects.toMatchObject({ code: "key_proof_required" });
    await expect(reencrypt("zk-history", { key_proof: oldKey.keyProof })).rejects.toMatchObject({ code: "key_rotated" });
    const start = await reencrypt("zk-history", { key_proof: newKey.keyProof, versions: [] });
    expect(start).toMatchObject({ done: false, remaining: 9, re_encrypted: 0, next_cursor: null });
    expect(start.pending).toHaveLength(9);
    expect(start.pending!.every((item) => item.key_version === 1)).toBe(true);

    // Without secret:history the counts come back, the ciphertext does not.
    const rotator = contextFor(context.organizationId, [{ permission: "key:rotate" }, { permission: "project:read" }]);
    expect(await reencrypt("zk-history", { key_proof: newKey.keyProof }, undefined, rotator)).not.toHaveProperty("pending");

    const versions = await Promise.all(start.pending!.map(async (item) => ({
      target: item.target, environment: item.environment, version: item.version,
      content: await sealBlob(newKey.dataKey, await openBlob(oldKey.dataKey, item.content)),
    })));
    const renamed = { ...versions[0]!, content: await sealBlob(newKey.dataKey, { OTHER: "x" }) };
    await expect(reencrypt("zk-history", { key_proof: newKey.keyProof, versions: [renamed] })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(reencrypt("zk-history", { key_proof: newKey.keyProof, versions: [{ ...versions[0]!, version: 99 }] })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(reencrypt("zk-history", { key_proof: newKey.keyProof, versions: [versions[0]!, versions[0]!] })).rejects.toMatchObject({ code: "validation_failed" });

    const half = await reencrypt("zk-history", { key_proof: newKey.keyProof, versions: versions.slice(0, 3) });
    expect(half).toMatchObject({ done: false, remaining: 6, re_encrypted: 3 });
    expect(half.pending).toHaveLength(6);
    // Sending everything again is harmless: what is done already is skipped.
    expect(await reencrypt("zk-history", { key_proof: newKey.keyProof, versions })).toMatchObject({ done: true, remaining: 0, re_encrypted: 6, pending: [] });

    const blobs = await snapshot(database, project.id);
    expect(blobs.every((blob) => blob.keyVersion === 2)).toBe(true);
    const opened = await openAll(blobs, async () => newKey.dataKey);
    expect(new Set(opened.map((values) => values.ROUND))).toEqual(new Set(["1", "2", "3"]));
  });
});
