import "server-only";
import { rawQuery, type Db, type RawTx } from "@/lib/data/client";
import { Prisma } from "@/lib/data/generated/client";
import { AppError } from "@/lib/errors";
import { notFound, type LevelRef } from "../access/lookup";
import { levelOwnerId, type LevelOwner } from "./storage";

// What every change of a level does inside its transaction (docs/api.md#versions, docs/security.md#guarantees): lock the level so
// concurrent writers queue instead of overwriting each other, check the caller's expected_version,
// and — after writing — prune history beyond the organization's retention.

/** Interactive transactions of level writes: writers queue on the level's lock, so allow a wait. */
export const LEVEL_TRANSACTION = { maxWait: 15_000, timeout: 30_000 };

export interface LockedLevel {
  id: string;
  version: number;
  keyVersion: number;
  /** The content as of the lock (the latest committed): what a write replaces. */
  blob: string;
  tags: unknown;
}

export function ownerOf(ref: LevelRef): LevelOwner {
  return { projectId: ref.project.id, targetId: ref.target?.id ?? null, environmentId: ref.environment?.id ?? null };
}

/**
 * Locks the level for the rest of the transaction and returns its current row (null: no blob yet).
 * The level's own row is the lock when it exists: `FOR UPDATE` also hands back its latest committed
 * content after any wait, so the lock and the read are one round trip (this runs inside every
 * write's critical section). When it does not exist yet, the owner row (project, target or
 * environment, which always exists) is locked first, so two writers of a new level queue too and
 * the second then sees the first one's row. A writer holding a level's row never asks for its
 * owner's, so the two orders cannot deadlock.
 */
export async function lockLevel(tx: RawTx, ref: LevelRef): Promise<LockedLevel | null> {
  const ownerId = levelOwnerId(ownerOf(ref));
  const existing = await lockLevelRow(tx, ownerId);
  if (existing) return existing;
  const owners =
    ref.environment ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Environment" WHERE "id" = ${ref.environment.id} FOR NO KEY UPDATE`
    : ref.target ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Target" WHERE "id" = ${ref.target.id} FOR NO KEY UPDATE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Project" WHERE "id" = ${ref.project.id} FOR NO KEY UPDATE`;
  if (owners.length === 0) throw notFound(); // deleted since the request looked it up
  return lockLevelRow(tx, ownerId);
}

async function lockLevelRow(tx: RawTx, ownerId: string): Promise<LockedLevel | null> {
  const rows = await tx.$queryRaw<LockedLevel[]>`
    SELECT "id", "version", "keyVersion", "blob", "tags" FROM "SecretLevel" WHERE "ownerId" = ${ownerId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** 409 when the caller based its write on another version than the current one (0: no blob yet). */
export function checkExpectedVersion(current: LockedLevel | null, expected: number | undefined): void {
  if (expected === undefined) return;
  const actual = current?.version ?? 0;
  if (actual !== expected) {
    throw new AppError("version_conflict", `The level is at version ${actual}, not ${expected}: it changed since you read it. Reload and retry.`);
  }
}

const DAY_MS = 86_400_000;

/** The organization's history retention (docs/hierarchy.md#versions-and-history); null: unlimited. */
export interface Retention {
  historyRetention: number | null;
  historyRetentionDays: number | null;
}

/** Read before a write's transaction, so it is not one more round trip while the level is locked. */
export async function historyRetention(db: Db | RawTx, organizationId: string): Promise<Retention> {
  // Raw: every store reads it, and through Prisma's query engine it cost ~0.25 ms of CPU.
  const [organization] = await rawQuery<Retention>(db, Prisma.sql`
    SELECT "historyRetention", "historyRetentionDays" FROM "Organization" WHERE "id" = ${organizationId}`);
  return { historyRetention: organization?.historyRetention ?? null, historyRetentionDays: organization?.historyRetentionDays ?? null };
}

/**
 * Applies the organization's history retention to one level just written, in the write's
 * transaction: versions beyond the newest `historyRetention`, and versions older than
 * `historyRetentionDays`, are removed — never the level's current version (`written.version`).
 * Answers how many went; the write's audit event records it (`versions_pruned`).
 */
export async function pruneHistory(tx: RawTx, retention: Retention, written: { levelId: string; version: number }): Promise<number> {
  const { historyRetention: keep, historyRetentionDays: days } = retention;
  if (keep === null && days === null) return 0;
  const { levelId } = written;
  // One statement (it runs while the level is locked): older than the newest `keep`, or than `days`.
  const stale: Prisma.Sql[] = [];
  if (keep !== null) {
    stale.push(Prisma.sql`"version" < (SELECT "version" FROM "SecretVersion" WHERE "levelId" = ${levelId}
      ORDER BY "version" DESC OFFSET ${Math.max(keep, 1) - 1} LIMIT 1)`);
  }
  if (days !== null) stale.push(Prisma.sql`"createdAt" < ${new Date(Date.now() - days * DAY_MS)}`);
  return tx.$executeRaw`DELETE FROM "SecretVersion"
    WHERE "levelId" = ${levelId} AND "version" <> ${written.version} AND (${Prisma.join(stale, " OR ")})`;
}

/** Audit metadata naming the level (slugs only), so the audit log can be filtered by project. */
export function levelMetadata(ref: LevelRef) {
  return {
    project: ref.project.slug, ...(ref.target ? { target: ref.target.slug } : {}), ...(ref.environment ? { environment: ref.environment.slug } : {}), level: ref.level,
  };
}

/** The slug path of the level, or of the level above it named by `depth`: `my-app/backend/production`. */
export function slugPath(ref: LevelRef, depth: "project" | "target" | "environment" = ref.level): string {
  const slugs = [ref.project.slug];
  if (depth !== "project" && ref.target) slugs.push(ref.target.slug);
  if (depth === "environment" && ref.environment) slugs.push(ref.environment.slug);
  return slugs.join("/");
}

/** The slug of the level itself (what the store response calls its `source`). */
export function levelSlug(ref: LevelRef): string {
  return ref.environment?.slug ?? ref.target?.slug ?? ref.project.slug;
}
