import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { base64Decode, DecryptionError, parseBlob, serializeBlob, utf8ByteLength, verifyKeyProof } from "@/lib/crypto";
import { resealBlobSync } from "@/lib/crypto/reseal-node";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { REENCRYPT_BATCH, type ReencryptInput, type ReencryptResult } from "@/lib/schemas/keys";
import { auditChange, isAllowed } from "../access/guard";
import { projectResource, type ProjectRef } from "../access/lookup";
import { check, plan } from "../access/plan";
import { parseLabelledContent } from "../secrets/content";
import type { KeyChangeHooks } from "./hooks";
import { activeKeyVersion } from "./key-versions";
import { holdActiveKey } from "./key-lock";
import { levelLabel, projectLevels, type ProjectLevels } from "./project-levels";
import { rotatedVersionProving, writtenUnderRotatedKey } from "./rotated-keys";
import { serverDataKey } from "./server-custody";
import { countStale, staleItems, staleItemsAt, writeResealed, type Resealed } from "./stale-content";

// Re-encrypting history (docs/crypto.md#re-encrypting-history): every older version of a project,
// and any current blob still under an older key, moved under the active key — batch by batch,
// each batch one transaction, so an interruption at any point leaves every item either wholly
// re-encrypted (and recording the active key) or untouched (and recording its old key), and
// calling again simply continues. Server-managed: the server does it, `{cursor?}` per batch.
// Client-managed: the client submits re-encrypted versions; each answer lists the next ones
// (`pending`, ciphertext only, for callers who may read history).

export const reencryptPlan = (project: string) => plan("key.history.reencrypt", [check("key:rotate", "project")], { level: { project } });

/** Ciphertext handed out per answer (client-managed `pending`): enough for a batch, bounded in size. */
const PENDING_BYTES = 4 * 1024 * 1024;

export async function reencryptHistory(context: ServiceContext, project: ProjectRef, input: ReencryptInput, hooks: KeyChangeHooks = {}): Promise<ReencryptResult> {
  const clientBody = input.key_proof !== undefined || input.versions !== undefined;
  if (project.custody === "SERVER") {
    if (clientBody || input.key_version !== undefined) {
      throw new AppError("validation_failed", "This project's key is held by the server: send {} or {cursor} and the server re-encrypts the next batch.");
    }
    return reencryptOnServer(context, project, input.cursor, hooks);
  }
  if (!input.key_proof) {
    throw new AppError("key_proof_required", "This project's key is held by its clients: send key_proof (of the active key) and the versions re-encrypted under it.", {
      details: [{ path: "key_proof", message: "Required for a client-managed project." }],
    });
  }
  return reencryptFromClient(context, project, input, hooks);
}

async function reencryptOnServer(context: ServiceContext, project: ProjectRef, cursor: string | undefined, hooks: KeyChangeHooks): Promise<ReencryptResult> {
  const db = await getDb();
  const active = (await activeKeyVersion(db, project.id)).version;
  const items = await staleItems(db, project.id, active, { cursor, limit: REENCRYPT_BATCH });
  // The crypto happens before the transaction: writes are conditional on the key each item was
  // read under, and the active key is re-checked under its lock (a rotation meanwhile is 409).
  // Raw key bytes and node:crypto's synchronous AES-GCM (lib/crypto/reseal-node.ts): thousands of
  // values per batch, a fraction of WebCrypto's cost per value.
  const keys = new Map<number, Promise<Uint8Array>>();
  const keyOf = (version: number) => {
    if (!keys.has(version)) keys.set(version, serverDataKey(db, project.id, version).then((key) => base64Decode(key.dataKeyBase64), notHeld(version)));
    return keys.get(version)!;
  };
  const target = await keyOf(active);
  const resealed: Resealed[] = [];
  for (const item of items) {
    resealed.push({ item, blob: resealBlobSync(await keyOf(item.keyVersion), target, item.blob) });
    // Let other requests in between versions: the server keeps serving while history is re-encrypted.
    if (resealed.length % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  for (const raw of await Promise.all(keys.values())) raw.fill(0);
  return commitBatch(context, project, active, resealed, hooks, { cursor: items.length === REENCRYPT_BATCH ? items.at(-1)!.id : null });
}

async function reencryptFromClient(context: ServiceContext, project: ProjectRef, input: ReencryptInput, hooks: KeyChangeHooks): Promise<ReencryptResult> {
  const db = await getDb();
  const active = await activeKeyVersion(db, project.id);
  if (!active.proofHash) throw new AppError("key_proof_required", "This project's key is not set up yet: there is no history to re-encrypt.");
  if (!(await verifyKeyProof(input.key_proof!, active.proofHash))) {
    const rotated = await rotatedVersionProving(db, project.id, input.key_proof!);
    if (rotated !== null) throw writtenUnderRotatedKey(rotated, active.version);
    throw new AppError("key_proof_mismatch", "key_proof is not the proof of the project's active key; nothing was re-encrypted.");
  }
  const levels = await projectLevels(db, project.id);
  const resealed = await submittedVersions(project.id, active.version, levels, input.versions ?? []);
  const result = await commitBatch(context, project, active.version, resealed, hooks, { cursor: null });
  // Ciphertext of history is secret:history's to read: handed out only to callers who hold it.
  if (!isAllowed(context, "secret:history", projectResource(context.organizationId, project))) return result;
  const next = await staleItems(db, project.id, active.version, { limit: REENCRYPT_BATCH, keyVersion: input.key_version });
  const ownerOf = new Map((await db.secretLevel.findMany({ where: { id: { in: [...new Set(next.map((item) => item.levelId))] } }, select: { id: true, ownerId: true } })).map((row) => [row.id, row.ownerId]));
  let bytes = 0;
  const pending = [];
  for (const item of next) {
    bytes += utf8ByteLength(item.blob);
    if (pending.length > 0 && bytes > PENDING_BYTES) break;
    const level = levels.byOwner.get(ownerOf.get(item.levelId) ?? "");
    if (!level) continue;
    pending.push({ target: level.target, environment: level.environment, version: item.version, key_version: item.keyVersion, content: item.blob });
  }
  return { ...result, pending };
}

/** The submitted versions, checked against what is stored: known, not repeated, the same names. */
async function submittedVersions(projectId: string, active: number, levels: ProjectLevels, submitted: NonNullable<ReencryptInput["versions"]>): Promise<Resealed[]> {
  if (submitted.length === 0) return [];
  const db = await getDb();
  const named = submitted.map((entry, index) => ({ entry, index, level: levels.find(entry, `versions[${index}]`) }));
  const rows = await db.secretLevel.findMany({ where: { projectId, ownerId: { in: named.map(({ level }) => level.ownerId) } }, select: { id: true, ownerId: true } });
  const levelIdOf = new Map(rows.map((row) => [row.ownerId, row.id]));
  const pairs = named.flatMap(({ entry, level }) => (levelIdOf.has(level.ownerId) ? [{ levelId: levelIdOf.get(level.ownerId)!, version: entry.version }] : []));
  const stale = new Map((await staleItemsAt(db, projectId, active, pairs)).map((item) => [`${item.levelId}:${item.version}`, item]));
  const seen = new Set<string>();
  const resealed: Resealed[] = [];
  for (const { entry, index, level } of named) {
    const where = `versions[${index}]`;
    const label = `${levelLabel(level)} version ${entry.version}`;
    const key = `${levelIdOf.get(level.ownerId)}:${entry.version}`;
    if (seen.has(key)) throw new AppError("validation_failed", `${where}: ${label} is sent twice.`, { details: [{ path: where, message: "duplicate version" }] });
    seen.add(key);
    const item = stale.get(key);
    if (!item) {
      if (await versionExists(levelIdOf.get(level.ownerId), entry.version)) continue; // already under the active key: nothing to do
      throw new AppError("validation_failed", `${where}: ${label} does not exist.`, { details: [{ path: where, message: "no such version" }] });
    }
    const entries = parseLabelledContent(entry.content, `${where} (${label})`);
    if ([...entries.keys()].sort().join(",") !== [...parseBlob(item.blob).keys()].sort().join(",")) {
      throw new AppError("validation_failed", `${where}: the content sent for ${label} does not hold the same names; re-encrypting never changes them.`, {
        details: [{ path: where, message: "names differ" }],
      });
    }
    resealed.push({ item, blob: serializeBlob(entries) });
  }
  return resealed;
}

async function versionExists(levelId: string | undefined, version: number): Promise<boolean> {
  if (!levelId) return false;
  const db = await getDb();
  const [history, level] = await Promise.all([
    db.secretVersion.count({ where: { levelId, version } }),
    db.secretLevel.count({ where: { id: levelId, version } }),
  ]);
  return history + level > 0;
}

/** One batch, one transaction: the active key held (shared), the items written, the audit event. */
async function commitBatch(context: ServiceContext, project: ProjectRef, active: number, resealed: Resealed[], hooks: KeyChangeHooks, next: { cursor: string | null }): Promise<ReencryptResult> {
  const db = await getDb();
  const { changed, remaining } = await db.$transaction(async (tx) => {
    await holdActiveKey(tx, project.id, active);
    const written = await writeResealed(tx, active, resealed);
    await hooks.at?.("reencrypt:batch-written");
    const left = await countStale(tx, project.id, active);
    await auditChange(tx, context, "key.history.reencrypt", 200, { project: project.slug, version: active, re_encrypted: written, remaining: left });
    return { changed: written, remaining: left };
  }, { maxWait: 15_000, timeout: 60_000 });
  return { done: remaining === 0, remaining, re_encrypted: changed, next_cursor: remaining > 0 ? next.cursor : null, active_version: active };
}

const notHeld = (version: number) => (error: unknown): never => {
  if (error instanceof DecryptionError) throw error;
  throw new AppError("validation_failed", `History holds versions under key version ${version}, which the server does not hold (it was client-managed); re-encrypt or purge them first.`);
};
