import "server-only";
import type { LevelPath } from "@/lib/schemas/secrets";
import type { ServiceContext } from "@/lib/services/context";
import { KDF_NAME, parseBlob } from "@/lib/crypto";
import { formatDotenv, UnrepresentableValueError } from "@/lib/dotenv/format";
import { AppError } from "@/lib/errors";
import type { MergeMode } from "@/lib/schemas/secrets";
import { auditRead, isAllowed } from "../access/guard";
import { projectResource, type LevelRef, type ProjectRef } from "../access/lookup";
import { check, plan } from "../access/plan";
import { activeKeyVersion, custodyName } from "../keys/key-versions";
import { serverDataKey, serverKeyMaterial } from "../keys/server-custody";
import { cannotDecrypt, decryptEntries, tagsOf, type Tags } from "./content";
import { getDb } from "@/lib/data/db";
import { levelMetadata, slugPath } from "./commit";

// Reading secrets (docs/api.md#secrets): GET …/secrets and POST secrets/retrieve. The levels from the project
// down to the one requested, apart and/or merged (project < target < environment), as ciphertext
// or — server-managed, with secret:decrypt — decrypted; JSON or a .env body. The merged view of an
// environment belongs to that environment, so permissions are asked about the deepest level only.

type LevelName = "project" | "target" | "environment";

interface Level {
  name: LevelName;
  entries: Map<string, string>;
  tags: Tags;
  /** Key version of the stored blob; null when the level has no blob. */
  keyVersion: number | null;
  /** The level's current version (0 when it has no blob): what a write sends as expected_version. */
  version: number;
}

export interface ReadOptions {
  decrypt: boolean;
  merge: MergeMode;
  raw: boolean;
  filters?: { names?: string[]; tags?: string[]; search?: string };
}

/** Reading a level names it and needs secret:read there, and secret:decrypt too to decrypt. */
export const readSecretsPlan = (level: LevelPath, decrypt: boolean) =>
  plan(decrypt ? "secret.decrypt" : "secret.read", [check("secret:read", "level"), decrypt && check("secret:decrypt", "level")], { level, levelContent: true });

/** The project's key: key:retrieve on the project of the level named. */
export const retrieveKeyPlan = (level: LevelPath) => plan("key.retrieve", [check("key:retrieve", "project")], { level });

/** JSON attributes, or (raw) a .env body. */
export type ReadResult = { dotenv: string } | { view: { type: "secrets"; attributes: Record<string, unknown> } };

export async function readSecrets(context: ServiceContext, ref: LevelRef, options: ReadOptions): Promise<ReadResult> {
  if (options.decrypt && ref.project.custody !== "SERVER") throw cannotDecrypt();
  const db = await getDb();
  const action = options.decrypt ? "secret.decrypt" : "secret.read";
  const stored = loadLevels(ref);
  const keep = nameFilter(stored, options.filters);
  // Only the merged view asked for: a value a deeper level overrides is never shown, so it is
  // neither decrypted nor checked here (its own level's reads check it).
  const shown = (index: number, name: string) => options.merge !== "true" || stored.every((deeper, at) => at <= index || !deeper.entries.has(name));
  const levels = await Promise.all(
    stored.map(async (level, index) => {
      const entries = new Map([...level.entries].filter(([name]) => keep(name)));
      if (!options.decrypt || level.keyVersion === null) return { ...level, entries };
      const opened = await decryptEntries(db, ref.project, level.keyVersion, new Map([...entries].filter(([name]) => shown(index, name))), { context, level: slugPath(ref, level.name) });
      // An overridden value keeps its place, since the merged view lists names in the order the
      // first level naming them has; its ciphertext stays there, overwritten in the merged view.
      return { ...level, entries: opened.size === entries.size ? opened : new Map([...entries].map(([name, value]) => [name, opened.get(name) ?? value])) };
    }),
  );
  const merged = mergeLevels(levels.map((level) => level.entries));
  const raw = options.raw ? dotenvBody(options.merge === "false" ? levels.at(-1)!.entries : merged) : null;
  await auditRead(context, action, { ...levelMetadata(ref), merge: options.merge, names: [...merged.keys()], ...(options.raw ? { raw: true } : {}) });
  if (raw !== null) return { dotenv: raw };

  const byLevel = (pick: (level: (typeof levels)[number]) => unknown) => Object.fromEntries(levels.map((level) => [level.name, pick(level)]));
  const attributes = {
    encrypted: !options.decrypt,
    format: options.merge === "false" ? "hierarchical" : options.merge === "true" ? "merged" : "both",
    ...(options.merge !== "true" ? { levels: byLevel((level) => Object.fromEntries(level.entries)) } : {}),
    ...(options.merge !== "false" ? { secrets: Object.fromEntries(merged) } : {}),
    key: await keyView(ref.project),
    key_versions: Object.fromEntries(levels.filter((level) => level.keyVersion !== null).map((level) => [level.name, level.keyVersion])),
    // Additive: what an editor needs to save without overwriting someone else's save (expected_version)
    // and to keep each name's tags; tags are plaintext metadata, like names.
    versions: byLevel((level) => level.version),
    ...(options.merge !== "true" ? { tags: byLevel((level) => Object.fromEntries(Object.entries(level.tags).filter(([name]) => level.entries.has(name)))) } : {}),
  };
  return { view: { type: "secrets", attributes } };
}

/**
 * POST secrets/retrieve with action key:retrieve: how to derive the key, and the server's data key.
 * The key material itself (`passphrase`) only for a caller who may also rotate the key: it is what
 * hands custody to the clients (docs/crypto.md#switching-custody), and no other answer carries it.
 */
export async function retrieveKey(context: ServiceContext, ref: LevelRef) {
  const db = await getDb();
  const active = await activeKeyVersion(db, ref.project.id);
  // Only the server's own keys can be handed out: a client-managed key never reaches the server.
  const server = ref.project.custody === "SERVER";
  const dataKey = server ? (await serverDataKey(db, ref.project.id, active.version)).dataKeyBase64 : null;
  const passphrase = server && isAllowed(context, "key:rotate", projectResource(context.organizationId, ref.project))
    ? await serverKeyMaterial(db, ref.project.id, active.version)
    : null;
  await auditRead(context, "key.retrieve", {
    project: ref.project.slug, version: active.version, custody: custodyName(ref.project.custody), ...(passphrase ? { key_material: true } : {}),
  });
  return {
    custody: custodyName(ref.project.custody), version: active.version, algorithm: "AES-256-GCM", kdf: KDF_NAME,
    salt: active.salt, iterations: active.iterations, ...(dataKey ? { data_key: dataKey } : {}), ...(passphrase ? { passphrase } : {}),
  };
}

/** project < target < environment: a more specific level overrides a less specific one, name by name. */
export function mergeLevels(levels: readonly Map<string, string>[]): Map<string, string> {
  const merged = new Map<string, string>();
  for (const entries of levels) for (const [name, value] of entries) merged.set(name, value);
  return merged;
}

function loadLevels(ref: LevelRef): Level[] {
  // Fetched with the level, in the lookup's one statement: readSecretsPlan asks for it.
  if (!ref.content) throw new Error("A secrets read needs an access plan that asks for the levels' content.");
  const names: LevelName[] = ["project", ...(ref.target ? ["target" as const] : []), ...(ref.environment ? ["environment" as const] : [])];
  return names.map((name) => {
    const row = ref.content![name];
    return { name, entries: row ? parseBlob(row.blob) : new Map(), tags: tagsOf(row?.tags), keyVersion: row?.keyVersion ?? null, version: row?.version ?? 0 };
  });
}

/**
 * Which names a retrieve's filters keep: all of names (exact), tags (any of them, set at any level
 * read — so the merged view still shows each name's effective value) and search (substring).
 */
function nameFilter(levels: Level[], filters: ReadOptions["filters"]): (name: string) => boolean {
  const names = filters?.names ? new Set(filters.names) : null;
  const tags = filters?.tags ? new Set(filters.tags) : null;
  const search = filters?.search?.toLowerCase();
  return (name) =>
    (!names || names.has(name)) &&
    (!tags || levels.some((level) => (level.tags[name] ?? []).some((tag) => tags.has(tag)))) &&
    (!search || name.toLowerCase().includes(search));
}

function dotenvBody(entries: Map<string, string>): string {
  try {
    return formatDotenv(entries);
  } catch (error) {
    if (!(error instanceof UnrepresentableValueError)) throw error;
    throw new AppError("validation_failed", error.message, { details: error.names.map((name) => ({ path: name, message: "No .env form reads back exactly." })) });
  }
}

/** How a client derives the key: salt and iterations only where the client holds it. */
async function keyView(project: ProjectRef) {
  const active = project.activeKey ?? (await activeKeyVersion(await getDb(), project.id));
  return {
    custody: custodyName(project.custody), version: active.version, kdf: KDF_NAME,
    ...(project.custody === "CLIENT" ? { salt: active.salt, iterations: active.iterations } : {}),
  };
}
