import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { parseBlob } from "@/lib/crypto";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { comparisonRows, type Comparison, type EffectiveColumn, type LevelName } from "@/lib/schemas/compare";
import type { ServiceContext } from "@/lib/services/context";
import { auditRead, isAllowed, requirePermission } from "../access/guard";
import { notFound, projectResource, type LevelRef } from "../access/lookup";
import { check, plan } from "../access/plan";
import { custodyName } from "../keys/key-versions";
import { decryptEntries, type StoredAt } from "./content";

// Environment drift (docs/api.md#compare): every effective name × every environment of a project,
// where each value comes from, and which environments hold the same value — never a value.
//
// Equality is decided where the key is. Server-managed: the server decrypts the effective values
// and compares HMACs of them under a random key made for this one request, so nothing it answers
// (group numbers only) is stable across requests or derivable from a value. Client-managed: the
// server cannot read a value, so it answers presence and source, and a client holding the key
// computes the groups from the ciphertexts it decrypts itself (the dashboard, `dotenv diff`).

/** Needs secret:read on the project or beneath it; each environment compared needs it too. */
export const comparePlan = (project: string) =>
  plan("secret.compare", [check("secret:read", "level", { listing: true })], { level: { project, target: null, environment: null } });

interface Column {
  target: { id: string; slug: string };
  environment: { id: string; slug: string };
  path: string;
}

export async function compareEnvironments(context: ServiceContext, ref: LevelRef, requested: string[] | undefined): Promise<Comparison> {
  const columns = await chooseColumns(context, ref, requested);
  const db = await getDb();
  const owners = [ref.project.id, ...new Set(columns.map((column) => column.target.id)), ...columns.map((column) => column.environment.id)];
  const rows = await db.secretLevel.findMany({ where: { ownerId: { in: owners } }, select: { ownerId: true, blob: true, keyVersion: true } });
  const stored = new Map(rows.map((row) => [row.ownerId, { entries: parseBlob(row.blob), keyVersion: row.keyVersion }]));

  const server = ref.project.custody === "SERVER";
  const labels = new Map<string, string>([[ref.project.id, ref.project.slug]]);
  for (const column of columns) {
    labels.set(column.target.id, `${ref.project.slug}/${column.target.slug}`).set(column.environment.id, `${ref.project.slug}/${column.path}`);
  }
  const tokenOf = server ? await serverTokens(db, ref, stored, (ownerId) => ({ context, level: labels.get(ownerId)! })) : () => null;
  const effective: EffectiveColumn[] = columns.map((column) => {
    const merged = new Map<string, { source: LevelName; token: string | null }>();
    const levels: [LevelName, string][] = [["project", ref.project.id], ["target", column.target.id], ["environment", column.environment.id]];
    for (const [source, ownerId] of levels) {
      for (const name of stored.get(ownerId)?.entries.keys() ?? []) merged.set(name, { source, token: tokenOf(ownerId, name) });
    }
    return merged;
  });
  const names = comparisonRows(columns.map((column) => column.path), effective);

  await auditRead(context, "secret.compare", {
    project: ref.project.slug, environments: columns.map((column) => column.path), names: names.map((row) => row.name),
  });
  return {
    type: "comparison", project: ref.project.slug, custody: custodyName(ref.project.custody), equality: server ? "server" : "client",
    environments: columns.map((column) => ({ target: column.target.slug, environment: column.environment.slug, path: column.path })),
    names,
  };
}

/**
 * The environments to compare: those named (each must exist and be readable: 404 / 403 as for a
 * read, and the refusal is audited), or every environment of the project the caller may read.
 */
async function chooseColumns(context: ServiceContext, ref: LevelRef, requested: string[] | undefined): Promise<Column[]> {
  const db = await getDb();
  const targets = await db.target.findMany({
    where: { projectId: ref.project.id },
    select: { id: true, slug: true, environments: { select: { id: true, slug: true }, orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
  });
  const all = targets.flatMap((target) => target.environments.map((environment) => ({
    target: { id: target.id, slug: target.slug }, environment, path: `${target.slug}/${environment.slug}`,
  })));
  const resourceOf = (column: Column) => ({ ...projectResource(context.organizationId, ref.project), targetId: column.target.id, environmentId: column.environment.id });
  if (!requested) return all.filter((column) => isAllowed(context, "secret:read", resourceOf(column)));

  const chosen: Column[] = [];
  for (const path of requested) {
    const column = all.find((candidate) => candidate.path === path);
    if (!column) throw notFound();
    await requirePermission(context, "secret:read", resourceOf(column), "secret.compare");
    chosen.push(column);
  }
  if (chosen.length === 0) throw new AppError("validation_failed", "Name at least one environment.");
  return chosen;
}

type Stored = Map<string, { entries: Map<string, string>; keyVersion: number }>;

/** HMAC of each stored value under a key made for this request only; the values never leave this function. */
async function serverTokens(db: Awaited<ReturnType<typeof getDb>>, ref: LevelRef, stored: Stored, storedAt: (ownerId: string) => StoredAt) {
  const requestKey = randomBytes(32);
  const tokens = new Map<string, Map<string, string>>();
  for (const [ownerId, level] of stored) {
    const values = await decryptEntries(db, ref.project, level.keyVersion, level.entries, storedAt(ownerId));
    tokens.set(ownerId, new Map([...values].map(([name, value]) => [name, createHmac("sha256", requestKey).update(value, "utf8").digest("base64")])));
  }
  requestKey.fill(0);
  return (ownerId: string, name: string) => tokens.get(ownerId)?.get(name) ?? null;
}
