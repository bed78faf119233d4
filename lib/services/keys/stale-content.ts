import "server-only";
import type { Db, Tx } from "@/lib/data/client";

// Content encrypted under a key version other than the active one (docs/crypto.md#re-encrypting-history):
// what re-encrypting history walks, counts and rewrites. An item is a history version — and with
// it the level's current blob when that version is the current one — or, rarely, a level whose
// current blob has no history version of its own (written with no_backup). Both are identified by
// their ULID, so one cursor orders them all. Re-encrypting is conditional on the key version the
// item was read under, so repeating a batch, or racing another one, changes nothing twice.

export interface StaleItem {
  /** The history version's id, or the level's id for a level without its own history version. */
  id: string;
  levelId: string;
  version: number;
  keyVersion: number;
  blob: string;
}

const STALE_ITEMS = (projectId: string, active: number) => `
  SELECT v."id", v."levelId", v."version", v."keyVersion", v."blob"
  FROM "SecretVersion" v JOIN "SecretLevel" l ON l."id" = v."levelId"
  WHERE l."projectId" = '${projectId}' AND v."keyVersion" <> ${active}
  UNION ALL
  SELECT l."id", l."id", l."version", l."keyVersion", l."blob" FROM "SecretLevel" l
  WHERE l."projectId" = '${projectId}' AND l."keyVersion" <> ${active} AND NOT EXISTS (
    SELECT 1 FROM "SecretVersion" v WHERE v."levelId" = l."id" AND v."version" = l."version" AND v."keyVersion" = l."keyVersion")`;

// Ids are ULIDs and versions integers, checked before they reach SQL text.
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
function checked(projectId: string, ...numbers: (number | undefined)[]): void {
  if (!ULID.test(projectId) || numbers.some((n) => n !== undefined && !Number.isSafeInteger(n))) throw new Error("Invalid stale-content query.");
}

/** Up to `limit` stale items after `cursor` (by id), optionally only those under `keyVersion`. */
export async function staleItems(db: Db | Tx, projectId: string, active: number, options: { cursor?: string; limit: number; keyVersion?: number }): Promise<StaleItem[]> {
  checked(projectId, active, options.limit, options.keyVersion);
  if (options.cursor !== undefined && !ULID.test(options.cursor)) throw new Error("Invalid cursor.");
  return db.$queryRawUnsafe<StaleItem[]>(
    `SELECT * FROM (${STALE_ITEMS(projectId, active)}) items
     WHERE ($1::text IS NULL OR "id" > $1) AND ($2::int IS NULL OR "keyVersion" = $2) ORDER BY "id" LIMIT ${options.limit}`,
    options.cursor ?? null, options.keyVersion ?? null,
  );
}

/** The stale items among these (level, version) pairs; pairs already under the active key are left out. */
export async function staleItemsAt(db: Db | Tx, projectId: string, active: number, pairs: { levelId: string; version: number }[]): Promise<StaleItem[]> {
  checked(projectId, active);
  if (pairs.length === 0) return [];
  return db.$queryRawUnsafe<StaleItem[]>(
    `SELECT items.* FROM (${STALE_ITEMS(projectId, active)}) items
     JOIN unnest($1::text[], $2::int[]) AS p("levelId", "version") ON p."levelId" = items."levelId" AND p."version" = items."version"`,
    pairs.map((pair) => pair.levelId), pairs.map((pair) => pair.version),
  );
}

/** How many stale items are left. */
export async function countStale(db: Db | Tx, projectId: string, active: number): Promise<number> {
  checked(projectId, active);
  const [row] = await db.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS "count" FROM (${STALE_ITEMS(projectId, active)}) items`);
  return row?.count ?? 0;
}

/** Items (history versions and current blobs alike) per key version, for the keys listing. */
export async function itemsPerKeyVersion(db: Db | Tx, projectId: string): Promise<Map<number, number>> {
  checked(projectId);
  const rows = await db.$queryRawUnsafe<{ keyVersion: number; count: number }[]>(
    `SELECT "keyVersion", count(*)::int AS "count" FROM (${STALE_ITEMS(projectId, -1)}) items GROUP BY "keyVersion"`,
  );
  return new Map(rows.map((row) => [row.keyVersion, row.count]));
}

export interface Resealed {
  item: Pick<StaleItem, "id" | "levelId" | "version" | "keyVersion">;
  blob: string;
}

/**
 * Writes re-encrypted items under `active`: each history version still under the key it was read
 * under, and the level's current blob when that version is current and still under that key.
 * The levels are locked first, in id order, as every level writer locks a level before its
 * history, so concurrent writers and batches queue instead of deadlocking. Returns how many
 * items changed.
 */
export async function writeResealed(tx: Tx, active: number, resealed: Resealed[]): Promise<number> {
  if (resealed.length === 0) return 0;
  const levelIds = [...new Set(resealed.map(({ item }) => item.levelId))].sort();
  const levels = await tx.$queryRaw<{ id: string; version: number; keyVersion: number }[]>`
    SELECT "id", "version", "keyVersion" FROM "SecretLevel" WHERE "id" = ANY(${levelIds}::text[]) ORDER BY "id" FOR UPDATE`;
  const history = resealed.filter(({ item }) => item.id !== item.levelId);
  const historyCount = history.length === 0 ? 0 : await tx.$executeRaw`
    UPDATE "SecretVersion" AS v SET "blob" = d."blob", "keyVersion" = ${active}
    FROM unnest(${history.map(({ item }) => item.id)}::text[], ${history.map(({ blob }) => blob)}::text[], ${history.map(({ item }) => item.keyVersion)}::int[]) AS d("id", "blob", "old")
    WHERE v."id" = d."id" AND v."keyVersion" = d."old"`;
  // Current blobs: the items that are their level's current version, still under the key they were read under.
  const current = new Map(levels.map((level) => [level.id, level]));
  const currents = resealed.filter(({ item }) => current.get(item.levelId)?.version === item.version && current.get(item.levelId)?.keyVersion === item.keyVersion);
  const levelsWritten = currents.length === 0 ? [] : await tx.$queryRaw<{ id: string }[]>`
    UPDATE "SecretLevel" AS l SET "blob" = d."blob", "keyVersion" = ${active}
    FROM unnest(${currents.map(({ item }) => item.levelId)}::text[], ${currents.map(({ blob }) => blob)}::text[], ${currents.map(({ item }) => item.keyVersion)}::int[]) AS d("levelId", "blob", "old")
    WHERE l."id" = d."levelId" AND l."keyVersion" = d."old"
    RETURNING l."id"`;
  // A level's current blob counts on its own only when it has no history version of its own.
  const levelOnly = new Set(resealed.filter(({ item }) => item.id === item.levelId).map(({ item }) => item.id));
  return historyCount + levelsWritten.filter((level) => levelOnly.has(level.id)).length;
}
