import "server-only";
import { DecryptionError, openValue, verifyKeyProof } from "@/lib/crypto";
import type { Db } from "@/lib/data/client";
import { AppError } from "@/lib/errors";
import { serverDataKey } from "./server-custody";

// Telling "you are using a rotated key" (409 key_rotated: read the key again, re-encrypt, retry)
// from "this is not the project's key" (422): asked only after a write failed its key check, so a
// correct write never pays for it.

/** The rotated version whose proof this is, or null. Every stored proof is compared (constant time each). */
export async function rotatedVersionProving(db: Db, projectId: string, keyProof: string): Promise<number | null> {
  const rotated = await db.projectKeyVersion.findMany({ where: { projectId, state: "ROTATED", proofHash: { not: null } }, select: { version: true, proofHash: true } });
  let match: number | null = null;
  for (const row of rotated) if (await verifyKeyProof(keyProof, row.proofHash!)) match = row.version;
  return match;
}

/** The older, server-held version this ciphertext opens under, or null. */
export async function rotatedVersionOpening(db: Db, projectId: string, name: string, ciphertext: string): Promise<number | null> {
  const rotated = await db.projectKeyVersion.findMany({
    where: { projectId, state: "ROTATED", wrappedKey: { not: null } }, select: { version: true }, orderBy: { version: "desc" },
  });
  for (const { version } of rotated) {
    try {
      await openValue((await serverDataKey(db, projectId, version)).dataKey, name, ciphertext);
      return version;
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
    }
  }
  return null;
}

export function writtenUnderRotatedKey(rotatedVersion: number, activeVersion: number): AppError {
  return new AppError(
    "key_rotated",
    `This write is under key version ${rotatedVersion}, which was rotated: version ${activeVersion} is active. Read the key again, re-encrypt and retry; nothing was stored.`,
  );
}
