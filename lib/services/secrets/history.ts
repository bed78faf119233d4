import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { AppError } from "@/lib/errors";
import type { LevelPath } from "@/lib/schemas/secrets";
import { auditChange } from "../access/guard";
import { notFound, type LevelRef } from "../access/lookup";
import { levelOwnerId, writeLevel } from "./storage";
import { decryptEntries, tagsOf } from "./content";
import { checkExpectedVersion, historyRetention, LEVEL_TRANSACTION, levelSlug, lockLevel, pruneHistory, levelMetadata, ownerOf, slugPath } from "./commit";
import { getDb } from "@/lib/data/db";
import type { Db } from "@/lib/data/client";
import { parseBlob } from "@/lib/crypto";
import { holdActiveKey } from "../keys/key-lock";
import { check, plan } from "../access/plan";

// Changing a level's history (docs/api.md#versions): restore an old version as a new one, delete one version,
// purge all but the current one. Each runs under the level's lock, in one transaction with its
// audit event, like a store.

/**
 * The restored content becomes a new version written by the caller. It keeps the key version it
 * was encrypted under (possibly an older, rotated key): no value is re-encrypted or even read.
 */
export const restorePlan = (level: LevelPath) => plan("secret.restore", [check("secret:restore", "level")], { level });
export const deleteVersionPlan = (level: LevelPath) => plan("secret.version.delete", [check("secret:purge", "level")], { level });
export const purgeVersionsPlan = (level: LevelPath) => plan("secret.history.purge", [check("secret:purge", "level")], { level });

export async function restoreVersion(context: ServiceContext, ref: LevelRef, number: number, input: { expected_version?: number }) {
  const db = await getDb();
  if (ref.project.custody === "SERVER") await refuseUnreadable(context, db, ref, number);
  const retention = await historyRetention(db, context.organizationId);
  const written = await db.$transaction(async (tx) => {
    await holdActiveKey(tx, ref.project.id); // a rotation re-encrypting this level waits, or is waited for
    const current = await lockLevel(tx, ref);
    const old = current
      ? await tx.secretVersion.findUnique({ where: { levelId_version: { levelId: current.id, version: number } }, select: { blob: true, tags: true, keyVersion: true } })
      : null;
    if (!old) throw notFound();
    checkExpectedVersion(current, input.expected_version);
    const result = await writeLevel(tx, { ...ownerOf(ref), blob: old.blob, tags: tagsOf(old.tags), keyVersion: old.keyVersion, actor: context.actor, restoredFrom: number }, current);
    const pruned = await pruneHistory(tx, retention, result);
    await auditChange(tx, context, "secret.restore", 200, {
      ...levelMetadata(ref), restored_from: number, version: result.version, names_added: result.names.namesAdded,
      names_removed: result.names.namesRemoved, names_changed: result.names.namesChanged, ...(pruned ? { versions_pruned: pruned } : {}),
    });
    return { ...result, keyVersion: old.keyVersion };
  }, LEVEL_TRANSACTION);
  return { type: "secrets", level: ref.level, source: levelSlug(ref), version: written.version, restored_from: number, key_version: written.keyVersion };
}

/**
 * Server-managed: a version whose values no longer decrypt is not brought back (422
 * invalid_ciphertext, logged and audited). Checked before the write's transaction since versions
 * never change. Client-managed content cannot be opened here; its clients find out when they read.
 */
async function refuseUnreadable(context: ServiceContext, db: Db, ref: LevelRef, number: number): Promise<void> {
  const level = await db.secretLevel.findUnique({ where: { ownerId: levelOwnerId(ownerOf(ref)) }, select: { id: true } });
  const row = level
    ? await db.secretVersion.findUnique({ where: { levelId_version: { levelId: level.id, version: number } }, select: { blob: true, keyVersion: true } })
    : null;
  if (row) await decryptEntries(db, ref.project, row.keyVersion, parseBlob(row.blob), { context, level: `${slugPath(ref)} version ${number}` });
}

/** Deletes one history version. The current one cannot go (422): store or restore another first. */
export async function deleteVersion(context: ServiceContext, ref: LevelRef, number: number): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const current = await lockLevel(tx, ref);
    const row = current
      ? await tx.secretVersion.findUnique({ where: { levelId_version: { levelId: current.id, version: number } }, select: { id: true } })
      : null;
    if (!current || !row) throw notFound();
    if (number === current.version) {
      throw new AppError("validation_failed", `Version ${number} is the level's current content and cannot be deleted; store or restore another version first.`);
    }
    await tx.secretVersion.delete({ where: { id: row.id } });
    await auditChange(tx, context, "secret.version.delete", 204, { ...levelMetadata(ref), version: number });
  }, LEVEL_TRANSACTION);
}

/** Removes every history version except the current one; needs {"confirmed": true}. */
export async function purgeVersions(context: ServiceContext, ref: LevelRef, input: { confirmed?: boolean }) {
  if (input.confirmed !== true) {
    throw new AppError("confirmation_required", "Purging erases every earlier version of this level; send confirmed: true to proceed.");
  }
  const db = await getDb();
  const result = await db.$transaction(async (tx) => {
    const current = await lockLevel(tx, ref);
    const purged = current ? (await tx.secretVersion.deleteMany({ where: { levelId: current.id, version: { not: current.version } } })).count : 0;
    await auditChange(tx, context, "secret.history.purge", 200, { ...levelMetadata(ref), versions_purged: purged, kept: current?.version ?? null });
    return { purged, kept: current?.version ?? null };
  }, LEVEL_TRANSACTION);
  return { type: "secret_versions", level: ref.level, source: levelSlug(ref), purged: result.purged, current_version: result.kept };
}
