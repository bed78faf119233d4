import "server-only";
import { newId } from "@/lib/data/ids";
import { parseBlob } from "@/lib/crypto";
import type { RawTx } from "@/lib/data/client";
import { Prisma } from "@/lib/data/generated/client";
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

/** The level's row as the writer read it under the level's lock (lockLevel); null: no blob yet. */
export interface CurrentRow {
  id: string;
  version: number;
  blob: string;
}

/**
 * Writes a level inside `tx`; the caller holds the lock, read `current` under it and has checked
 * `expected_version`. Returns the new version and which names the write added, removed and changed.
 * The level's row and its history version go in one statement (a data-modifying CTE): this runs
 * while the level is locked, so every round trip here is one that concurrent writers wait for.
 */
export async function writeLevel(tx: RawTx, write: LevelWrite, current: CurrentRow | null): Promise<{ levelId: string; version: number; names: NameDiff }> {
  const version = (current?.version ?? 0) + 1;
  const tags = JSON.stringify(write.tags ?? {});
  const now = new Date();
  const levelId = current?.id ?? newId();
  const levelRow = current
    ? Prisma.sql`UPDATE "SecretLevel" SET "blob" = ${write.blob}, "tags" = ${tags}::jsonb, "version" = ${version},
        "keyVersion" = ${write.keyVersion}, "updatedById" = ${write.actor.actorId}, "updatedAt" = ${now}
        WHERE "id" = ${levelId} RETURNING "id"`
    : Prisma.sql`INSERT INTO "SecretLevel" ("id", "ownerId", "kind", "projectId", "targetId", "environmentId", "blob", "tags", "version",
        "keyVersion", "updatedById", "createdAt", "updatedAt")
        VALUES (${levelId}, ${levelOwnerId(write)}, ${levelKind(write)}::"LevelKind", ${write.projectId}, ${write.targetId ?? null},
        ${write.environmentId ?? null}, ${write.blob}, ${tags}::jsonb, ${version}, ${write.keyVersion}, ${write.actor.actorId}, ${now}, ${now})
        RETURNING "id"`;
  const names = write.reencrypted ? { namesAdded: [], namesRemoved: [], namesChanged: [] } : diffNames(current?.blob ?? "", write.blob);
  const written = write.noBackup
    ? await tx.$executeRaw(levelRow)
    : await tx.$executeRaw`WITH "level" AS (${levelRow})
        INSERT INTO "SecretVersion" ("id", "levelId", "version", "blob", "tags", "keyVersion", "source", "actorType", "actorId", "actorLabel",
          "namesAdded", "namesRemoved", "namesChanged", "restoredFrom", "createdAt")
        SELECT ${newId()}, "level"."id", ${version}, ${write.blob}, ${tags}::jsonb, ${write.keyVersion}, ${write.actor.source}::"Source",
          ${write.actor.actorType}::"ActorType", ${write.actor.actorId}, ${write.actor.actorLabel}, ${names.namesAdded}::text[],
          ${names.namesRemoved}::text[], ${names.namesChanged}::text[], ${write.restoredFrom ?? null}, ${now}
        FROM "level"`;
  if (written !== 1) throw new Error(`Writing level ${levelId} affected ${written} rows, not 1.`); // the caller's lock makes this impossible
  return { levelId, version, names };
}
