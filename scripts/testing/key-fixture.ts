import { newId } from "@/lib/data/ids";
import { ALLOW_ALL, unscopedGrants, type Grant } from "@/lib/authz";
import { DEFAULT_ITERATIONS, deriveProjectKey, generateSalt, importDataKey, openBlob, sealBlob } from "@/lib/crypto";
import type { ServiceContext } from "@/lib/services/context";
import { enforce } from "@/lib/services/access/enforce";
import type { AccessPlan } from "@/lib/services/access/plan";
import { listKeys, listKeysPlan } from "@/lib/services/keys/key-versions";
import { createEnvironment } from "@/lib/services/projects/environments";
import { nodePlan } from "@/lib/services/projects/node-plan";
import { createProject } from "@/lib/services/projects/projects";
import { createTarget } from "@/lib/services/projects/targets";
import { retrieveKey, retrieveKeyPlan } from "@/lib/services/secrets/read";
import { storePlan, storeSecrets } from "@/lib/services/secrets/write";
import type { TestDatabase } from "./database";

// Fixtures for the key-lifecycle integration tests (lib/services/keys/*.db.test.ts): an
// organization with an allow-all key, projects of either custody with three levels, writes made
// the way clients make them, and a snapshot of every stored ciphertext with the key it records.

export const LEVELS = [{}, { target: "api" }, { target: "api", environment: "prod" }] as const;
export type LevelName = (typeof LEVELS)[number];

export function contextFor(organizationId: string, grants: Grant[] = unscopedGrants(ALLOW_ALL)): ServiceContext {
  return {
    principal: { kind: "token", tokenId: newId(), organizationId, grants }, organizationId, path: "/test",
    actor: { actorType: "TOKEN", actorId: newId(), actorLabel: "key lifecycle test", source: "API", ip: null, userAgent: null },
  };
}

export async function newOrganization(database: TestDatabase, name = "Keys"): Promise<ServiceContext> {
  const organization = await database.db.organization.create({ data: { id: newId(), name }, select: { id: true } });
  return contextFor(organization.id);
}

/** Each use case runs as the router runs it: its access plan enforced first. */
export const allowed = (context: ServiceContext, plan: AccessPlan) => enforce(context, plan);
export const projectRef = async (context: ServiceContext, slug: string) => (await allowed(context, listKeysPlan(slug))).level.project;

/** A client key derived the way browsers and the CLI derive it. */
export async function clientKey(passphrase = `passphrase ${newId()}`) {
  const salt = generateSalt();
  const derived = await deriveProjectKey(passphrase, salt, DEFAULT_ITERATIONS);
  return { passphrase, salt, iterations: DEFAULT_ITERATIONS, keyProof: derived.keyProof, dataKey: derived.dataKey, setup: { salt, iterations: DEFAULT_ITERATIONS, key_proof: derived.keyProof } };
}
export type ClientKey = Awaited<ReturnType<typeof clientKey>>;

/** A project with a target `api` and an environment `api/prod`. */
export async function projectWithLevels(context: ServiceContext, slug: string, custody: "server" | "client", key?: ClientKey) {
  await createProject(context, { slug, custody, ...(key ? { key: key.setup } : {}) });
  await createTarget(context, (await allowed(context, nodePlan("target", "create", { project: slug }))).level, { slug: "api" });
  await createEnvironment(context, (await allowed(context, nodePlan("environment", "create", { project: slug, target: "api" }))).level, { slug: "prod" });
}

/** The server's data key of the active version, as key:retrieve hands it out. */
export async function serverKey(context: ServiceContext, slug: string) {
  const retrieved = await retrieveKey(context, (await allowed(context, retrieveKeyPlan({ project: slug }))).level);
  return { ...retrieved, dataKey: await importDataKey(retrieved.data_key!) };
}

/** Stores NAME→plaintext at a level, sealed with `dataKey` (and proven with `keyProof` for client custody). */
export async function store(context: ServiceContext, slug: string, level: LevelName, dataKey: CryptoKey, values: Record<string, string>, keyProof?: string) {
  const ref = (await allowed(context, storePlan({ project: slug, ...level }))).level;
  return storeSecrets(context, ref, { content: await sealBlob(dataKey, values), ...(keyProof ? { key_proof: keyProof } : {}) });
}

export interface StoredBlob {
  kind: "level" | "version";
  id: string;
  version: number;
  keyVersion: number;
  blob: string;
}

/** Every stored blob of a project — current levels and history — with the key version each records. */
export async function snapshot(database: TestDatabase, projectId: string): Promise<StoredBlob[]> {
  const levels = await database.sql(`SELECT 'level' AS kind, id, version, "keyVersion", blob FROM "SecretLevel" WHERE "projectId" = $1`, [projectId]);
  const versions = await database.sql(
    `SELECT 'version' AS kind, v.id, v.version, v."keyVersion", v.blob FROM "SecretVersion" v JOIN "SecretLevel" l ON l.id = v."levelId" WHERE l."projectId" = $1`,
    [projectId],
  );
  return [...levels, ...versions].map((row) => row as unknown as StoredBlob).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Opens every blob with the key of the version it records; throws if any does not open. */
export async function openAll(blobs: StoredBlob[], keyOf: (version: number) => Promise<CryptoKey>): Promise<Record<string, string>[]> {
  return Promise.all(blobs.map(async (blob) => Object.fromEntries(await openBlob(await keyOf(blob.keyVersion), blob.blob))));
}

/** The keys listing as the API answers it. */
export const keysOf = async (context: ServiceContext, slug: string) => listKeys(context, await projectRef(context, slug));
