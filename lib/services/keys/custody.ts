import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { deriveProjectKey, KdfParameterError, verifyKeyProof } from "@/lib/crypto";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import type { CustodyInput } from "@/lib/schemas/keys";
import { auditChange } from "../access/guard";
import type { ProjectRef } from "../access/lookup";
import { check, plan } from "../access/plan";
import { activeKeyVersion, custodyName } from "./key-versions";
import { keyRotated, lockActiveKey } from "./key-lock";
import { rotatedVersionProving, writtenUnderRotatedKey } from "./rotated-keys";
import { forgetProjectKeys, wrapKeyMaterial } from "./server-custody";
import { countStale } from "./stale-content";

// Switching who holds a project's key (docs/crypto.md#switching-custody). The data key derives the
// same way in both modes, so no ciphertext changes: only the server's wrapped copy of the key
// material comes or goes. To the clients: the caller proves it holds the key (key_proof, computed
// from key:retrieve's passphrase), then the server deletes every wrapped copy it has. To the
// server: the caller hands over the passphrase, checked against the proof, then wrapped.
//
// Only while every blob and history version is under the active key: after a switch the older
// keys would be held by nobody (to the clients: the server forgets them, and nobody else ever
// had them; to the server: only the clients have them). Re-encrypt history first.

export const custodyPlan = (project: string) => plan("key.custody.update", [check("key:rotate", "project")], { level: { project } });

export async function switchCustody(context: ServiceContext, project: ProjectRef, input: CustodyInput) {
  const db = await getDb();
  const from = custodyName(project.custody);
  if (input.custody === from) throw new AppError("validation_failed", `This project is already ${from}-managed.`, { details: [{ path: "custody", message: `already ${from}` }] });
  const active = await activeKeyVersion(db, project.id);
  if (input.expected_version !== undefined && input.expected_version !== active.version) throw keyRotated(active.version, input.expected_version);
  if (!active.proofHash || !active.salt || !active.iterations) {
    throw new AppError("key_proof_required", "This project's key is not set up yet (POST …/keys/verification): there is no key to hand over.");
  }

  let wrap: ((keyVersionId: string) => Promise<string>) | null = null;
  if (input.custody === "client") {
    if (!(await verifyKeyProof(input.key_proof, active.proofHash))) {
      const rotated = await rotatedVersionProving(db, project.id, input.key_proof);
      if (rotated !== null) throw writtenUnderRotatedKey(rotated, active.version);
      throw new AppError("key_proof_mismatch", "key_proof is not the proof of the project's active key: fetch the passphrase with key:retrieve and derive it again. Nothing changed.");
    }
  } else {
    const passphrase = input.passphrase;
    if (!(await passphraseOpens(passphrase, active.salt, active.iterations, active.proofHash))) {
      throw new AppError("key_proof_mismatch", "That passphrase does not derive the project's active key. Nothing changed.");
    }
    wrap = (keyVersionId) => wrapKeyMaterial(keyVersionId, passphrase);
  }
  await refuseStaleContent(db, project.id, active.version);
  const wrapped = wrap ? await wrap(active.id) : null;

  await db.$transaction(async (tx) => {
    const locked = await lockActiveKey(tx, project.id, active.version);
    if (locked.id !== active.id) throw keyRotated(locked.version, active.version);
    const current = await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: { custody: true } });
    if (current.custody !== project.custody) throw new AppError("key_rotated", "The project's custody changed meanwhile; read it again.");
    await refuseStaleContent(tx, project.id, active.version);
    if (wrapped) {
      await tx.projectKeyVersion.update({ where: { id: active.id }, data: { wrappedKey: wrapped }, select: { id: true } });
    } else {
      // Every version, rotated ones included: a client-managed project's keys are held by nobody here.
      await tx.projectKeyVersion.updateMany({ where: { projectId: project.id }, data: { wrappedKey: null } });
    }
    await tx.project.update({ where: { id: project.id }, data: { custody: input.custody === "client" ? "CLIENT" : "SERVER" }, select: { id: true } });
    await auditChange(tx, context, "key.custody.update", 200, { project: project.slug, from, to: input.custody, version: active.version });
  });
  forgetProjectKeys(project.id);
  return { custody: input.custody, previous_custody: from, version: active.version };
}

async function passphraseOpens(passphrase: string, salt: string, iterations: number, proofHash: string): Promise<boolean> {
  try {
    return await verifyKeyProof((await deriveProjectKey(passphrase, salt, iterations)).keyProof, proofHash);
  } catch (error) {
    if (error instanceof KdfParameterError) return false; // an empty passphrase after NFC
    throw error;
  }
}

async function refuseStaleContent(db: Parameters<typeof countStale>[0] | Tx, projectId: string, active: number): Promise<void> {
  const stale = await countStale(db, projectId, active);
  if (stale === 0) return;
  throw new AppError(
    "validation_failed",
    `${stale} version(s) are still encrypted under an older key, which would be held by nobody after the switch. Re-encrypt history first (POST …/keys/reencrypt-history), or purge those versions. Nothing changed.`,
    { details: [{ path: "custody", message: `${stale} stale version(s)` }] },
  );
}
