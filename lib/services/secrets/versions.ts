import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { parseBlob } from "@/lib/crypto";
import type { Prisma } from "@/lib/data/generated/client";
import type { LevelPath } from "@/lib/schemas/secrets";
import { auditRead } from "../access/guard";
import { notFound, type LevelRef } from "../access/lookup";
import { pageOf, pageArgs } from "../shared/pagination";
import { cannotDecrypt, decryptEntries, tagsOf } from "./content";
import { levelOwnerId } from "./storage";
import { ownerOf, levelMetadata, slugPath } from "./commit";
import { getDb } from "@/lib/data/db";
import { check, plan } from "../access/plan";

// A level's history (docs/api.md#versions): every write records a version (unless no_backup) with who wrote
// it, from where, under which key, and which names it added, removed and changed. Listing shows
// that metadata only; reading one version returns its content like GET …/secrets for one level.

export const VERSION_SUMMARY_SELECT = {
  id: true, version: true, createdAt: true, actorType: true, actorId: true, actorLabel: true, source: true, keyVersion: true,
  namesAdded: true, namesRemoved: true, namesChanged: true, restoredFrom: true,
} satisfies Prisma.SecretVersionSelect;

type VersionSummaryRow = Prisma.SecretVersionGetPayload<{ select: typeof VERSION_SUMMARY_SELECT }>;

function versionSummary(row: VersionSummaryRow, currentVersion: number | null) {
  return {
    version: row.version, created_at: row.createdAt,
    actor: { type: row.actorType.toLowerCase(), id: row.actorId, label: row.actorLabel },
    source: row.source.toLowerCase(), key_version: row.keyVersion,
    names: { added: row.namesAdded, removed: row.namesRemoved, changed: row.namesChanged },
    current: row.version === currentVersion,
    restored_from: row.restoredFrom,
  };
}

/**
 * Newest first; `meta.next_cursor` is the id of the last version of the page (lib/services/shared/pagination).
 * The list is metadata only (who, when, from where, which names) — the audit trail of the level —
 * so audit:read (the Auditor) may read it too; a version's content still needs secret:history.
 */
export const listVersionsPlan = (level: LevelPath) =>
  plan("secret.history.list", [check("secret:history", "level", { otherwise: check("audit:read") })], { level });

/** Reading a version needs secret:history, and secret:decrypt too to decrypt it. */
export const readVersionPlan = (level: LevelPath, decrypt: boolean) =>
  plan(decrypt ? "secret.history.decrypt" : "secret.history.read", [check("secret:history", "level"), decrypt && check("secret:decrypt", "level")], { level });

export async function listVersions(context: ServiceContext, ref: LevelRef, query: { cursor?: string; limit?: number }) {
  const db = await getDb();
  const level = await db.secretLevel.findUnique({ where: { ownerId: levelOwnerId(ownerOf(ref)) }, select: { id: true, version: true } });
  const rows = level
    ? await db.secretVersion.findMany({ where: { levelId: level.id }, orderBy: { version: "desc" }, select: VERSION_SUMMARY_SELECT, ...pageArgs(query) })
    : [];
  const page = pageOf(rows, query);
  await auditRead(context, "secret.history.list", { ...levelMetadata(ref), count: page.items.length });
  return { data: page.items.map((row) => versionSummary(row, level?.version ?? null)), meta: { next_cursor: page.next_cursor } };
}

/** One version's content: ciphertext, or decrypted server-side with secret:decrypt (server-managed). */
export async function getVersion(context: ServiceContext, ref: LevelRef, number: number, options: { decrypt: boolean }) {
  if (options.decrypt && ref.project.custody !== "SERVER") throw cannotDecrypt();
  const db = await getDb();
  const action = options.decrypt ? "secret.history.decrypt" : "secret.history.read";
  const level = await db.secretLevel.findUnique({ where: { ownerId: levelOwnerId(ownerOf(ref)) }, select: { id: true, version: true } });
  const row = level
    ? await db.secretVersion.findUnique({
        where: { levelId_version: { levelId: level.id, version: number } }, select: { ...VERSION_SUMMARY_SELECT, blob: true, tags: true },
      })
    : null;
  if (!level || !row) throw notFound();
  const stored = parseBlob(row.blob);
  const entries = options.decrypt ? await decryptEntries(db, ref.project, row.keyVersion, stored, { context, level: `${slugPath(ref)} version ${number}` }) : stored;
  await auditRead(context, action, { ...levelMetadata(ref), version: number, names: [...entries.keys()] });
  return {
    type: "secret_version", ...versionSummary(row, level.version),
    encrypted: !options.decrypt, secrets: Object.fromEntries(entries), tags: tagsOf(row.tags),
  };
}
