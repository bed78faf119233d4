import "server-only";
import type { LevelPath } from "@/lib/schemas/secrets";
import type { ServiceContext } from "@/lib/services/context";
import { utf8ByteLength, parseBlob } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import type { DeleteInput, StoreInput } from "@/lib/schemas/secrets";
import { auditChange } from "../access/guard";
import type { LevelRef } from "../access/lookup";
import { check, plan } from "../access/plan";
import { writeLevel } from "./storage";
import { commitStore } from "./store-batch";
import { checkDecryptsUnderKey, checkKeyProof, parseSubmittedContent } from "./content";
import { getDb } from "@/lib/data/db";
import { holdActiveKey } from "../keys/key-lock";
import { historyRetention, LEVEL_TRANSACTION, levelSlug, lockLevel, pruneHistory, levelMetadata, ownerOf } from "./commit";

// Storing and clearing a level's blob (docs/api.md#secrets). Everything that can be checked without the lock
// (content, key) is checked first; then one transaction locks the level, compares
// expected_version, checks tags, writes, prunes history and records the audit event — or does none
// of it. Stores of one level that arrive together share that transaction (./store-batch.ts).

/** Storing needs secret:write on the level named. */
export const storePlan = (level: LevelPath) => plan("secret.write", [check("secret:write", "level")], { level });

/** Clearing needs secret:write, and without backup (erasing history) secret:purge too. */
export const deletePlan = (level: LevelPath, noBackup: boolean) =>
  plan("secret.delete", [check("secret:write", "level"), noBackup && check("secret:purge", "level")], { level });

export async function storeSecrets(context: ServiceContext, ref: LevelRef, input: LevelContent) {
  const stored = await storeLevel(context, ref, input);
  return { type: "secrets", level: ref.level, source: levelSlug(ref), bytes: stored.bytes, version: stored.version };
}

/** What storeLevel writes: the store body without the level fields (the caller has found the level). */
export type LevelContent = Pick<StoreInput, "content" | "key_proof" | "no_backup" | "tags" | "expected_version">;

/**
 * The one path every write of a level's blob takes — the store endpoint and the dashboard's
 * server-side sealing alike: check content and key, then lock, compare expected_version, check
 * tags, write, prune and audit in one transaction. The caller has checked secret:write on `ref`.
 */
export async function storeLevel(context: ServiceContext, ref: LevelRef, input: LevelContent): Promise<{ version: number; bytes: number }> {
  const db = await getDb();
  const entries = parseSubmittedContent(input.content);
  const [keyVersion, retention] = await Promise.all([checkWriteKey(context, ref, entries, input.key_proof), historyRetention(db, context.organizationId)]);

  // Under the level's lock, with the stores of the level that arrived meanwhile (./store-batch.ts).
  const written = await commitStore({ context, ref, input, entries, keyVersion, retention });
  return { version: written.version, bytes: utf8ByteLength(input.content) };
}

/**
 * Clears a level. By default the cleared (empty) blob becomes a new version and history stays, so
 * it can be restored; clearing a level that holds nothing succeeds without a new version. With
 * no_backup (secret:purge + confirmed) the level's row and its whole history are deleted.
 */
export async function deleteSecrets(context: ServiceContext, ref: LevelRef, input: Pick<DeleteInput, "no_backup" | "confirmed">): Promise<void> {
  if (input.no_backup && input.confirmed !== true) {
    throw new AppError("confirmation_required", "Deleting without backup erases the level's whole history; send confirmed: true to proceed.");
  }
  const db = await getDb();
  const retention = await historyRetention(db, context.organizationId);
  await db.$transaction(async (tx) => {
    const activeVersion = await holdActiveKey(tx, ref.project.id);
    const current = await lockLevel(tx, ref);
    const names = [...parseBlob(current?.blob ?? "").keys()];
    if (input.no_backup) {
      const purged = current ? (await tx.secretVersion.deleteMany({ where: { levelId: current.id } })).count : 0;
      if (current) await tx.secretLevel.delete({ where: { id: current.id } });
      await auditChange(tx, context, "secret.delete", 204, { ...levelMetadata(ref), names_removed: names, no_backup: true, versions_purged: purged });
      return;
    }
    if (!current || names.length === 0) {
      await auditChange(tx, context, "secret.delete", 204, { ...levelMetadata(ref), names_removed: [], version: current?.version ?? 0 });
      return;
    }
    const result = await writeLevel(tx, { ...ownerOf(ref), blob: "", tags: {}, keyVersion: activeVersion, actor: context.actor }, current);
    const pruned = await pruneHistory(tx, retention, result);
    await auditChange(tx, context, "secret.delete", 204, {
      ...levelMetadata(ref), names_removed: result.names.namesRemoved, version: result.version, ...(pruned ? { versions_pruned: pruned } : {}),
    });
  }, LEVEL_TRANSACTION);
}

/**
 * The key a write must be under, checked before any lock: returns the active key version (the
 * transaction's share lock on the key then confirms it is still active, or answers key_rotated).
 */
async function checkWriteKey(context: ServiceContext, ref: LevelRef, entries: Map<string, string>, keyProof: string | undefined): Promise<number> {
  const db = await getDb();
  const found = ref.project.activeKey;
  if (ref.project.custody === "SERVER" && found) {
    // Found with the level (findLevel): server custody needs only its version, so no second look.
    await checkDecryptsUnderKey(db, ref.project.id, found.version, entries);
    return found.version;
  }
  const active = await db.projectKeyVersion.findFirst({
    where: { projectId: ref.project.id, state: "ACTIVE" }, select: { version: true, proofHash: true },
  });
  if (!active) throw new Error("The project has no active key version.");
  if (ref.project.custody === "CLIENT") await checkKeyProof(db, ref.project.id, active, keyProof || undefined);
  else await checkDecryptsUnderKey(db, ref.project.id, active.version, entries);
  return active.version;
}
