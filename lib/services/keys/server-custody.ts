import "server-only";
import { ulid } from "ulid";
import { DEFAULT_ITERATIONS, deriveProjectKey, generatePassphrase, generateSalt, keyProofHash, unwrapSecret, wrapSecret } from "@/lib/crypto";
import { loadMasterKey } from "@/lib/config/master-key";
import type { Db, Tx } from "@/lib/data/client";

// Project key versions (docs/crypto.md#wire-format). A server-managed key is a random passphrase wrapped under the
// master key; the data key is derived from it on demand and cached in memory, never on disk.

/** Wrapped values are bound to their key version, so one cannot be swapped for another's. */
function wrapContext(keyVersionId: string): string {
  return `project-key:${keyVersionId}`;
}

export async function createServerManagedKey(tx: Tx, projectId: string, version: number, createdById: string | null) {
  return insertServerManagedKey(tx, projectId, version, await newServerKeyMaterial(), createdById);
}

/**
 * Generates a server-managed key and runs its PBKDF2 derivation (for the proof hash). Slow by
 * design (600,000 iterations), so callers do it before opening a transaction.
 */
export async function newServerKeyMaterial() {
  const passphrase = generatePassphrase();
  const salt = generateSalt();
  const { keyProof } = await deriveProjectKey(passphrase, salt, DEFAULT_ITERATIONS);
  return { passphrase, salt, iterations: DEFAULT_ITERATIONS, proofHash: await keyProofHash(keyProof) };
}

export type ServerKeyMaterial = Awaited<ReturnType<typeof newServerKeyMaterial>>;

export async function insertServerManagedKey(tx: Tx, projectId: string, version: number, material: ServerKeyMaterial, createdById: string | null) {
  const id = ulid();
  await tx.projectKeyVersion.create({
    data: {
      id, projectId, version, state: "ACTIVE", salt: material.salt, iterations: material.iterations, proofHash: material.proofHash, createdById,
      wrappedKey: await wrapSecret(await loadMasterKey(), material.passphrase, wrapContext(id)),
    },
  });
  return { id, version };
}

/** What a client-managed key setup submits (docs/crypto.md#wire-format); the passphrase itself never reaches us. */
export interface ClientKeySetup {
  salt: string;
  iterations: number;
  keyProof: string;
}

/**
 * A client-managed key version: salt, iterations and the proof's hash only. Without `setup` the
 * version exists but is not configured yet (POST …/keys/verification completes it). The caller
 * has checked the parameters (assertKdfParameters).
 */
export async function createClientManagedKey(tx: Tx, projectId: string, version: number, setup: ClientKeySetup | null, createdById: string | null) {
  const id = ulid();
  await tx.projectKeyVersion.create({
    data: {
      id, projectId, version, state: "ACTIVE", createdById,
      salt: setup?.salt ?? null, iterations: setup?.iterations ?? null, proofHash: setup ? await keyProofHash(setup.keyProof) : null,
    },
  });
  return { id, version };
}

const derivedKeys = new Map<string, Promise<{ dataKey: CryptoKey; dataKeyBase64: string }>>();

/** The data key of a server-managed key version, derived once per process. */
export function serverDataKey(db: Db | Tx, projectId: string, version: number) {
  const cacheKey = `${projectId}:${version}`;
  let derived = derivedKeys.get(cacheKey);
  if (!derived) {
    derived = deriveServerKey(db, projectId, version);
    derivedKeys.set(cacheKey, derived);
    derived.catch(() => derivedKeys.delete(cacheKey));
  }
  return derived;
}

/** Forget a cached key (after custody moves to the client, the server must not keep using it). */
export function forgetServerDataKey(projectId: string, version: number): void {
  derivedKeys.delete(`${projectId}:${version}`);
}

async function deriveServerKey(db: Db | Tx, projectId: string, version: number) {
  const key = await db.projectKeyVersion.findUnique({
    where: { projectId_version: { projectId, version } },
    select: { id: true, salt: true, iterations: true, wrappedKey: true },
  });
  if (!key?.wrappedKey || !key.salt || !key.iterations) throw new Error("This key version is not held by the server.");
  const passphrase = await unwrapSecret(await loadMasterKey(), key.wrappedKey, wrapContext(key.id));
  return deriveProjectKey(passphrase, key.salt, key.iterations, { exportDataKey: true });
}
