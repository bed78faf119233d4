import "server-only";
import { newId } from "@/lib/data/ids";
import { DEFAULT_ITERATIONS, deriveProjectKey, generatePassphrase, generateSalt, keyProofHash, unwrapSecret, wrapSecret } from "@/lib/crypto";
import { loadMasterKey } from "@/lib/config/master-key";
import type { Db, Tx } from "@/lib/data/client";
import type { ActorType } from "@/lib/data/generated/enums";
import type { ServiceContext } from "../context";

// Project key versions (docs/crypto.md#wire-format). A server-managed key is a random passphrase wrapped under the
// master key; the data key is derived from it on demand and cached in memory, never on disk.

/** Wrapped values are bound to their key version, so one cannot be swapped for another's. */
function wrapContext(keyVersionId: string): string {
  return `project-key:${keyVersionId}`;
}

/** Who creates a key version: the request's audit actor (a person or an API key). */
export interface KeyCreator {
  id: string | null;
  type: ActorType;
  label: string;
}

export const creatorOf = (context: ServiceContext): KeyCreator => ({ id: context.actor.actorId, type: context.actor.actorType, label: context.actor.actorLabel });

/**
 * Generates a server-managed key and runs its PBKDF2 derivation (for the proof hash, and the data
 * key a rotation re-encrypts with). Slow by design (600,000 iterations), so callers do it before
 * opening a transaction.
 */
export async function newServerKeyMaterial() {
  const passphrase = generatePassphrase();
  const salt = generateSalt();
  const { keyProof, dataKey } = await deriveProjectKey(passphrase, salt, DEFAULT_ITERATIONS);
  return { passphrase, salt, iterations: DEFAULT_ITERATIONS, proofHash: await keyProofHash(keyProof), dataKey };
}

export type ServerKeyMaterial = Awaited<ReturnType<typeof newServerKeyMaterial>>;

export async function insertServerManagedKey(tx: Tx, projectId: string, version: number, material: ServerKeyMaterial, creator: KeyCreator) {
  const id = newId();
  await tx.projectKeyVersion.create({
    data: {
      id, projectId, version, state: "ACTIVE", salt: material.salt, iterations: material.iterations, proofHash: material.proofHash,
      createdById: creator.id, createdByType: creator.type, createdByLabel: creator.label,
      wrappedKey: await wrapKeyMaterial(id, material.passphrase),
    },
  });
  return { id, version };
}

/** Key material wrapped for one key version's row (a new server key, or a passphrase handed to the server). */
export async function wrapKeyMaterial(keyVersionId: string, passphrase: string): Promise<string> {
  return wrapSecret(await loadMasterKey(), passphrase, wrapContext(keyVersionId));
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
export async function createClientManagedKey(tx: Tx, projectId: string, version: number, setup: ClientKeySetup | null, creator: KeyCreator) {
  const id = newId();
  await tx.projectKeyVersion.create({
    data: {
      id, projectId, version, state: "ACTIVE", createdById: creator.id, createdByType: creator.type, createdByLabel: creator.label,
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

/**
 * Forgets a project's cached data keys: after a rotation (the old version is rarely needed again)
 * and after custody moves to the clients (the server must stop using the key at once). Other
 * instances may keep theirs, but every use checks the project's custody in the database first.
 */
export function forgetProjectKeys(projectId: string, version?: number): void {
  for (const cacheKey of [...derivedKeys.keys()]) {
    if (cacheKey === `${projectId}:${version}` || (version === undefined && cacheKey.startsWith(`${projectId}:`))) derivedKeys.delete(cacheKey);
  }
}

/** The key material of a server-held version: only for handing custody to a client (key:retrieve with key:rotate). */
export async function serverKeyMaterial(db: Db | Tx, projectId: string, version: number): Promise<string> {
  const key = await db.projectKeyVersion.findUnique({ where: { projectId_version: { projectId, version } }, select: { id: true, wrappedKey: true } });
  if (!key?.wrappedKey) throw new Error("This key version is not held by the server.");
  return unwrapSecret(await loadMasterKey(), key.wrappedKey, wrapContext(key.id));
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
