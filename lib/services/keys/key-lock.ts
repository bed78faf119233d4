import "server-only";
import type { RawTx, Tx } from "@/lib/data/client";
import { AppError } from "@/lib/errors";

// The project's active key row is the lock every key-dependent change takes (docs/security.md#guarantees):
// level writes and history re-encryption share it (FOR SHARE), rotation and custody switching take
// it exclusively (FOR UPDATE). So a rotation waits for writes in flight and writes wait for the
// rotation, and then see the new key: a write checked against the old key is refused instead of
// landing under it. Always taken before a level's own lock, so the two orders never deadlock.
// (Raw SQL: the rotated-key guard only narrows updates; these are plain locking reads.)

export interface LockedKey {
  id: string;
  version: number;
  salt: string | null;
  iterations: number | null;
  proofHash: string | null;
  /** The server holds this version's key material. */
  serverHeld: boolean;
}

export function keyRotated(active: number | null, expected: number): AppError {
  return new AppError(
    "key_rotated",
    active === null
      ? `The project's key changed while this request was checked (it was version ${expected}). Read the key again and retry.`
      : `The project's key was rotated: version ${active} is active, not ${expected}. Re-encrypt under the active key and retry.`,
  );
}

/** Locks the active key for a key change; 409 key_rotated when it is no longer `expected`. */
export async function lockActiveKey(tx: Tx, projectId: string, expected?: number): Promise<LockedKey> {
  const rows = await tx.$queryRaw<(Omit<LockedKey, "serverHeld"> & { serverHeld: boolean })[]>`
    SELECT "id", "version", "salt", "iterations", "proofHash", ("wrappedKey" IS NOT NULL) AS "serverHeld"
    FROM "ProjectKeyVersion" WHERE "projectId" = ${projectId} AND "state" = 'ACTIVE' FOR UPDATE`;
  const row = rows[0];
  // No row: a concurrent rotation committed while we waited (its old row is no longer active).
  if (!row || (expected !== undefined && row.version !== expected)) throw keyRotated(row?.version ?? null, expected ?? 0);
  return row;
}

/** Shares the active key for a write checked against `checked` (any version when omitted); returns it. */
export async function holdActiveKey(tx: RawTx, projectId: string, checked?: number): Promise<number> {
  const share = () => tx.$queryRaw<{ version: number }[]>`
    SELECT "version" FROM "ProjectKeyVersion" WHERE "projectId" = ${projectId} AND "state" = 'ACTIVE' FOR SHARE`;
  let version = (await share())[0]?.version;
  // A rotation committed while we waited: a write that checked nothing may take the new key.
  if (version === undefined && checked === undefined) version = (await share())[0]?.version;
  if (version === undefined || (checked !== undefined && version !== checked)) throw keyRotated(version ?? null, checked ?? 0);
  return version;
}
