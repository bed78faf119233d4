import "server-only";
import { newId } from "@/lib/data/ids";
import { parseBlob } from "@/lib/crypto";
import type { Tx } from "@/lib/data/client";
import type { Source } from "@/lib/data/generated/enums";
import type { AuditActor } from "../audit/record";

// Writing one level's blob (docs/hierarchy.md#hierarchy, docs/api.md#versions): the level keeps its current content and a version
// number that only grows; every write also records a history version unless `noBackup`.

export interface LevelOwner {
  projectId: string;
  targetId?: string | null;
  environmentId?: string | null;
}

export interface LevelWrite extends LevelOwner {
  blob: string;
  tags?: Record<string, string[]>;
  keyVersion: number;
  actor: AuditActor;
  noBackup?: boolean;
  /** The same values re-encrypted (a key rotation): the version records no name as added, removed or changed. */
  reencrypted?: boolean;
  /** Set by a restore: the version whose content this write brings back (shown in history). */
  restoredFrom?: number;
}

export function levelOwnerId(owner: LevelOwner): string {
  return owner.environmentId ?? owner.targetId ?? owner.projectId;
}

export function levelKind(owner: LevelOwner) {
  return owner.environmentId ? "ENVIRONMENT" : owner.targetId ? "TARGET" : "PROJECT";
}

/** Which names a write adds, removes and changes (by ciphertext: the server may not read values). */
export function diffNames(before: string, after: string) {
  const old = parseBlob(before);
  const next = parseBlob(after);
  return {
    namesAdded: [...next.keys()].filter((name) => !old.has(name)),
    namesRemoved: [...old.keys()].filter((name) => !next.has(name)),
    namesChanged: [...next.keys()].filter((name) => old.has(name) && old.get(name) !== next.get(name)),
  };
}

export type NameDiff = ReturnType<typeof diffNames>;

/**
 * Writes a level inside `tx`; the caller holds the lock and has checked `expected_version`.
 * Returns the new version and which names the write added, removed and changed.
 */
export async function writeLevel(tx: Tx, write: LevelWrite): Promise<{ levelId: string; version: number; names: NameDiff }> {
  const ownerId = levelOwnerId(write);
  const current = await tx.secretLevel.findUnique({ where: { ownerId }, select: { id: true, version: true, blob: true } });
  const version = (current?.version ?? 0) + 1;
  const tags = write.tags ?? {};
  const level = current
    ? await tx.secretLevel.update({
        where: { id: current.id },
        data: { blob: write.blob, tags, version, keyVersion: write.keyVersion, updatedById: write.actor.actorId },
        select: { id: true },
      })
    : await tx.secretLevel.create({
        data: {
          id: newId(), ownerId, kind: levelKind(write), projectId: write.projectId, targetId: write.targetId ?? null,
          environmentId: write.environmentId ?? null, blob: write.blob, tags, version, keyVersion: write.keyVersion,
          updatedById: write.actor.actorId,
        },
        select: { id: true },
      });
  const names = write.reencrypted ? { namesAdded: [], namesRemoved: [], namesChanged: [] } : diffNames(current?.blob ?? "", write.blob);
  if (!write.noBackup) {
    await tx.secretVersion.create({
      data: {
        id: newId(), levelId: level.id, version, blob: write.blob, tags, keyVersion: write.keyVersion,
        source: write.actor.source as Source, actorType: write.actor.actorType, actorId: write.actor.actorId, actorLabel: write.actor.actorLabel,
        restoredFrom: write.restoredFrom ?? null, ...names,
      },
    });
  }
  return { levelId: level.id, version, names };
}
