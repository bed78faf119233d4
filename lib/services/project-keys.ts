import "server-only";
import { ulid } from "ulid";
import { DEFAULT_ITERATIONS, deriveProjectKey, generatePassphrase, generateSalt, keyProofHash, unwrapSecret, wrapSecret } from "@/lib/crypto";
import { loadMasterKey } from "@/lib/crypto/master-key.server";
import type { Db, Tx } from "@/lib/data/client";

// Project key versions (SPEC §2). A server-managed key is a random passphrase wrapped under the
// master key; the data key is derived from it on demand and cached in memory, never on disk.

/** Wrapped values are bound to their key version, so one cannot be swapped for another's. */
function wrapContext(keyVersionId: string): string {
  return `project-key:${keyVersionId}`;
}

export async function createServerManagedKey(tx: Tx, projectId: string, version: number, createdById: string | null) {
  const passphrase = generatePassphrase();
  const salt = generateSalt();
  const { keyProof } = await deriveProjectKey(passphrase, salt, DEFAULT_ITERATIONS);
  const id = ulid();
  await tx.projectKeyVersion.create({
    data: {
      id, projectId, version, state: "ACTIVE", salt, iterations: DEFAULT_ITERATIONS, createdById,
      proofHash: await keyProofHash(keyProof),
      wrappedKey: await wrapSecret(await loadMasterKey(), passphrase, wrapContext(id)),
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
