import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { DecryptionError, keyProofHash, parseBlob, resealBlob, serializeBlob, verifyKeyProof } from "@/lib/crypto";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import type { RotateInput } from "@/lib/schemas/keys";
import { auditChange } from "../access/guard";
import type { ProjectRef } from "../access/lookup";
import { check, plan } from "../access/plan";
import { historyRetention, pruneHistory } from "../secrets/commit";
import { parseLabelledContent, tagsOf } from "../secrets/content";
import { writeLevel } from "../secrets/storage";
import type { KeyChangeHooks } from "./hooks";
import { activeKeyVersion, custodyName, KEY_VERSION_SELECT, keyVersionView } from "./key-versions";
import { keyRotated, lockActiveKey, type LockedKey } from "./key-lock";
import { levelLabel, projectLevels, type ProjectLevel } from "./project-levels";
import { rotatedVersionProving, writtenUnderRotatedKey } from "./rotated-keys";
import { createClientManagedKey, creatorOf, forgetProjectKeys, insertServerManagedKey, newServerKeyMaterial, serverDataKey } from "./server-custody";
import { itemsPerKeyVersion } from "./stale-content";

// Rotating a project's key (docs/crypto.md#key-versions-and-rotation): a new active key version,
// and the current blob of every level re-encrypted under it — by the server for server-managed
// projects, by the client (which submits every level) for client-managed ones, whose new
// passphrase never reaches us. Each level's re-encrypted blob is a new version of that level (the
// same names and values), so an editor still holding the old ciphertext gets a version conflict
// instead of mixing keys. One transaction under the active key's exclusive lock: level writes
// queue behind it and then meet the new key (409 key_rotated), a concurrent rotation finds the key
// it read rotated (409), and a failure anywhere leaves the old key and every blob as they were.
// Older history versions stay under their keys until re-encrypting history (reencrypt.ts).

export const rotatePlan = (project: string) => plan("key.rotate", [check("key:rotate", "project")], { level: { project } });

/** Each level of the project with its current blob, locked (in id order, as re-encrypting history locks them). */
interface CurrentLevel {
  id: string;
  ownerId: string;
  targetId: string | null;
  environmentId: string | null;
  version: number;
  keyVersion: number;
  blob: string;
  tags: unknown;
}

async function lockCurrentLevels(tx: Tx, projectId: string): Promise<CurrentLevel[]> {
  return tx.$queryRaw<CurrentLevel[]>`
    SELECT "id", "ownerId", "targetId", "environmentId", "version", "keyVersion", "blob", "tags"
    FROM "SecretLevel" WHERE "projectId" = ${projectId} ORDER BY "id" FOR UPDATE`;
}

interface Resealed {
  level: CurrentLevel;
  blob: string;
}

export async function rotateKey(context: ServiceContext, project: ProjectRef, input: RotateInput, hooks: KeyChangeHooks = {}) {
  const clientBody = input.new !== undefined;
  if (project.custody === "SERVER" && clientBody) {
    throw new AppError("validation_failed", "This project's key is held by the server: rotate it with an empty body {}; the server re-encrypts every level.");
  }
  if (project.custody === "CLIENT" && !clientBody) {
    throw new AppError(
      "validation_failed",
      "This project's key is held by its clients: send key_proof (current key), new {salt, iterations, key_proof} and levels re-encrypted under the new key.",
      { details: [{ path: "new", message: "Required for a client-managed project." }] },
    );
  }
  const db = await getDb();
  const before = await activeKeyVersion(db, project.id);
  if (input.expected_version !== undefined && input.expected_version !== before.version) throw keyRotated(before.version, input.expected_version);

  const result = project.custody === "SERVER" ? await rotateOnServer(context, project, before.version, hooks) : await rotateForClient(context, project, before, input, hooks);
  forgetProjectKeys(project.id, before.version);
  const row = await db.projectKeyVersion.findUniqueOrThrow({ where: { projectId_version: { projectId: project.id, version: result.version } }, select: KEY_VERSION_SELECT });
  const items = await itemsPerKeyVersion(db, project.id);
  return {
    ...keyVersionView(project.custody, row, items.get(result.version) ?? 0), previous_version: before.version, levels_reencrypted: result.levels,
    stale_versions: [...items].filter(([version]) => version !== result.version).reduce((sum, [, count]) => sum + count, 0),
  };
}

async function rotateOnServer(context: ServiceContext, project: ProjectRef, expected: number, hooks: KeyChangeHooks) {
  const db = await getDb();
  // The new key's PBKDF2 run is slow on purpose: before the transaction, so the lock is held briefly.
  const material = await newServerKeyMaterial();
  return db.$transaction(async (tx) => {
    const locked = await lockActiveKey(tx, project.id, expected);
    await checkCustodyUnchanged(tx, project);
    const levels = await lockCurrentLevels(tx, project.id);
    const oldKeys = new Map<number, CryptoKey>();
    for (const version of new Set(levels.map((level) => level.keyVersion))) oldKeys.set(version, (await serverDataKey(tx, project.id, version).catch(notHeld(version))).dataKey);
    const resealed = await Promise.all(levels.map(async (level) => ({ level, blob: await resealBlob(oldKeys.get(level.keyVersion)!, material.dataKey, level.blob) })));
    await hooks.at?.("rotate:resealed");
    return switchKey(tx, context, project, locked, resealed, hooks, (version) => insertServerManagedKey(tx, project.id, version, material, creatorOf(context)));
  }, ROTATION_TRANSACTION);
}

async function rotateForClient(context: ServiceContext, project: ProjectRef, before: Awaited<ReturnType<typeof activeKeyVersion>>, input: RotateInput, hooks: KeyChangeHooks) {
  const db = await getDb();
  const { key_proof: keyProof, new: next, levels: submitted } = input as Required<Pick<RotateInput, "key_proof" | "new" | "levels">>;
  if (!before.proofHash) throw new AppError("key_proof_required", "This project's key is not set up yet (POST …/keys/verification): there is nothing to rotate.");
  if (!(await verifyKeyProof(keyProof, before.proofHash))) {
    const rotated = await rotatedVersionProving(db, project.id, keyProof);
    if (rotated !== null) throw writtenUnderRotatedKey(rotated, before.version);
    throw new AppError("key_proof_mismatch", "key_proof is not the proof of the project's active key; nothing was rotated.");
  }
  await refuseKnownKey(project.id, next.key_proof);

  const known = await projectLevels(db, project.id);
  const sent = new Map<string, { level: ProjectLevel; entries: Map<string, string>; expected?: number }>();
  submitted.forEach((item, index) => {
    const where = `levels[${index}]`;
    const level = known.find(item, where);
    if (sent.has(level.ownerId)) throw new AppError("validation_failed", `${where}: ${levelLabel(level)} is sent twice.`, { details: [{ path: where, message: "duplicate level" }] });
    sent.set(level.ownerId, { level, entries: parseLabelledContent(item.content, levelLabel(level)), expected: item.expected_version });
  });

  return db.$transaction(async (tx) => {
    const locked = await lockActiveKey(tx, project.id, before.version);
    await checkCustodyUnchanged(tx, project);
    const levels = await lockCurrentLevels(tx, project.id);
    const current = new Map(levels.map((level) => [level.ownerId, level]));
    const missing = levels.filter((level) => level.blob !== "" && !sent.has(level.ownerId)).map((level) => labelOf(known.byOwner.get(level.ownerId)));
    if (missing.length > 0) {
      throw new AppError("validation_failed", `Every level that has content must be re-encrypted; missing: ${missing.join(", ")}. Nothing was rotated.`, {
        details: missing.map((label) => ({ path: "levels", message: `missing ${label}` })),
      });
    }
    const resealed: Resealed[] = levels.filter((level) => level.blob === "").map((level) => ({ level, blob: "" }));
    for (const [ownerId, { level, entries, expected }] of sent) {
      const row = current.get(ownerId);
      const label = levelLabel(level);
      if (!row || row.blob === "") throw new AppError("validation_failed", `${label} holds no content to re-encrypt; store new secrets after rotating. Nothing was rotated.`);
      if (expected !== undefined && expected !== row.version) {
        throw new AppError("version_conflict", `${label} is at version ${row.version}, not ${expected}: it changed since you read it. Read it again and retry; nothing was rotated.`);
      }
      const names = [...parseBlob(row.blob).keys()].sort().join(",");
      if ([...entries.keys()].sort().join(",") !== names) {
        throw new AppError("validation_failed", `The content sent for ${label} does not hold the same names as the level; a rotation only re-encrypts. Nothing was rotated.`);
      }
      resealed.push({ level: row, blob: serializeBlob(entries) });
    }
    await hooks.at?.("rotate:resealed");
    return switchKey(tx, context, project, locked, resealed, hooks, (version) =>
      createClientManagedKey(tx, project.id, version, { salt: next.salt, iterations: next.iterations, keyProof: next.key_proof }, creatorOf(context)));
  }, ROTATION_TRANSACTION);
}

/**
 * Writes each re-encrypted level as a new version of it (no name changed; expected_version then
 * stops a writer holding the old ciphertext), rotates the old key version, activates the new one,
 * audits. The versions before stay in history under the old key until history is re-encrypted.
 */
async function switchKey(
  tx: Tx, context: ServiceContext, project: ProjectRef, locked: LockedKey, resealed: Resealed[], hooks: KeyChangeHooks,
  createNext: (version: number) => Promise<{ version: number }>,
) {
  const version = locked.version + 1;
  const retention = await historyRetention(tx, context.organizationId);
  for (const { level, blob } of resealed) {
    if (blob === "") {
      // A cleared level holds no value: it only moves to the new key.
      await tx.secretLevel.update({ where: { id: level.id }, data: { keyVersion: version }, select: { id: true } });
      continue;
    }
    const written = await writeLevel(tx, {
      projectId: project.id, targetId: level.targetId, environmentId: level.environmentId, blob, tags: tagsOf(level.tags), keyVersion: version,
      actor: context.actor, reencrypted: true,
    }, level);
    await pruneHistory(tx, retention, written);
  }
  await hooks.at?.("rotate:levels-written");
  // The data layer narrows this to the ACTIVE row; the trigger freezes it from now on.
  await tx.projectKeyVersion.update({ where: { id: locked.id }, data: { state: "ROTATED", rotatedAt: new Date() }, select: { id: true } });
  await createNext(version);
  await hooks.at?.("rotate:key-switched");
  const levels = resealed.filter((entry) => entry.blob !== "").length;
  await auditChange(tx, context, "key.rotate", 200, { project: project.slug, custody: custodyName(project.custody), from_version: locked.version, to_version: version, levels });
  return { version, levels };
}

/** Rotation reads and re-encrypts every level while holding the key: allow it a while. */
const ROTATION_TRANSACTION = { maxWait: 15_000, timeout: 120_000 };

async function checkCustodyUnchanged(tx: Tx, project: ProjectRef): Promise<void> {
  const row = await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: { custody: true } });
  if (row.custody !== project.custody) throw new AppError("key_rotated", "The project's custody changed while this rotation was prepared; read the key again and retry.");
}

/** A new client key must be new: a proof any version of the project already has is refused. */
async function refuseKnownKey(projectId: string, keyProof: string): Promise<void> {
  const db = await getDb();
  const hash = await keyProofHash(keyProof);
  const rows = await db.projectKeyVersion.findMany({ where: { projectId, proofHash: hash }, select: { version: true } });
  if (rows.length > 0) {
    throw new AppError("validation_failed", `new.key_proof is the proof of key version ${rows[0]!.version}: choose a new passphrase (and a fresh salt).`, {
      details: [{ path: "new.key_proof", message: "not a new key" }],
    });
  }
}

const labelOf = (level: ProjectLevel | undefined) => (level ? levelLabel(level) : "a level");

const notHeld = (version: number) => (error: unknown): never => {
  if (error instanceof DecryptionError) throw error;
  throw new AppError("validation_failed", `Content is encrypted under key version ${version}, which the server does not hold; re-encrypt or purge it first.`);
};
