import { DEFAULT_ITERATIONS, deriveProjectKey, generateSalt, openBlob, openValue, sealBlob } from "@/lib/crypto";
import type { CustodyResult, KeysMeta, KeyVersionView, ReencryptResult, RotateResult } from "@/lib/schemas/keys";
import { apiData, apiPath, apiRequest } from "./api";
import type { UnlockedProjectKey } from "./project-key";

// The keys page's work in the browser (docs/crypto.md#key-versions-and-rotation): reading the key
// versions, and the client-managed flows that must happen here — every level decrypted with the
// current key and re-encrypted with the new passphrase's key (rotation), and older history moved
// under the active key (re-encrypting history). Passphrases stay in this module's callers: only
// salts, proofs and ciphertext are sent.

export interface ProjectKeysState {
  versions: KeyVersionView[];
  meta: KeysMeta;
}

export async function fetchKeys(organizationId: string, project: string): Promise<ProjectKeysState> {
  const result = await apiRequest<KeyVersionView[]>(apiPath(organizationId, project, "keys"));
  return { versions: result.data, meta: result.meta as KeysMeta };
}

/** Versions done / total: everything stored, and what is already under the active key. */
export function reencryptProgress(state: ProjectKeysState): { done: number; total: number } {
  const total = state.versions.reduce((sum, version) => sum + version.secret_versions, 0);
  return { done: total - state.meta.stale_versions, total };
}

interface Attributes {
  levels: Partial<Record<"project" | "target" | "environment", Record<string, string>>>;
  versions?: Partial<Record<"project" | "target" | "environment", number>>;
  key_versions: Partial<Record<"project" | "target" | "environment", number>>;
}

interface CurrentLevel {
  target?: string;
  environment?: string;
  values: Record<string, string>;
  version: number;
  keyVersion?: number;
}

async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await apiRequest<T[]>(path, { query: { limit: 100, cursor } });
    items.push(...page.data);
    cursor = (page.meta?.next_cursor as string | null | undefined) ?? undefined;
    if (!cursor) return items;
  }
}

/** Every level of the project with its current ciphertext (an environment's read also returns its target and project). */
async function currentLevels(organizationId: string, project: string): Promise<CurrentLevel[]> {
  const levels = new Map<string, CurrentLevel>();
  const read = async (target?: string, environment?: string) => {
    const segments = [project, target, environment].filter((slug): slug is string => Boolean(slug));
    const { attributes } = await apiData<{ attributes: Attributes }>(apiPath(organizationId, ...segments, "secrets"), { query: { merge: "false" } });
    const named = [["project", {}], ["target", { target }], ["environment", { target, environment }]] as const;
    for (const [name, where] of named) {
      const values = attributes.levels[name];
      if (!values || (name !== "project" && !where.target) || (name === "environment" && !environment)) continue;
      levels.set(`${target && name !== "project" ? target : ""}/${name === "environment" ? environment : ""}`, {
        ...where, values, version: attributes.versions?.[name] ?? 0, keyVersion: attributes.key_versions[name],
      });
    }
  };
  const targets = await allPages<{ slug: string }>(apiPath(organizationId, "projects", project, "targets"));
  if (targets.length === 0) await read();
  for (const target of targets) {
    const environments = await allPages<{ slug: string }>(apiPath(organizationId, "projects", project, "targets", target.slug, "environments"));
    if (environments.length === 0) await read(target.slug);
    for (const environment of environments) await read(target.slug, environment.slug);
  }
  return [...levels.values()].filter((level) => Object.keys(level.values).length > 0);
}

const where = (level: { target?: string | null; environment?: string | null }) => ({
  ...(level.target ? { target: level.target } : {}), ...(level.environment ? { environment: level.environment } : {}),
});

export class OlderLevelError extends Error {
  constructor(readonly levels: string[]) {
    super(`${levels.join(", ")} ${levels.length === 1 ? "is" : "are"} under an older key: re-encrypt history first.`);
    this.name = "OlderLevelError";
  }
}

/**
 * Client-managed rotation: every level opened with the current key, sealed with a key derived
 * here from `newPassphrase` (fresh salt), and sent with the new key's salt and proof in one
 * request. Returns the new key, unlocked, so the tab can keep working.
 */
export async function rotateInBrowser(
  organizationId: string, project: string, current: UnlockedProjectKey, newPassphrase: string, onStep: (message: string) => void,
): Promise<{ rotated: RotateResult; key: UnlockedProjectKey }> {
  onStep("Reading every level…");
  const levels = await currentLevels(organizationId, project);
  const older = levels.filter((level) => level.keyVersion !== undefined && level.keyVersion !== current.version);
  if (older.length > 0) throw new OlderLevelError(older.map((level) => [project, level.target, level.environment].filter(Boolean).join("/")));
  onStep("Deriving the new key (PBKDF2, 600,000 rounds)…");
  const salt = generateSalt();
  const next = await deriveProjectKey(newPassphrase, salt, DEFAULT_ITERATIONS);
  onStep(`Re-encrypting ${levels.length} level(s) in this browser…`);
  const sealed = await Promise.all(levels.map(async (level) => {
    const values = Object.fromEntries(await Promise.all(Object.entries(level.values).map(async ([name, ciphertext]) => [name, await openValue(current.dataKey, name, ciphertext)] as const)));
    return { ...where(level), content: await sealBlob(next.dataKey, values), expected_version: level.version };
  }));
  onStep("Rotating…");
  const rotated = await apiData<RotateResult>(apiPath(organizationId, project, "keys", "rotate"), {
    method: "POST",
    body: { expected_version: current.version, key_proof: current.keyProof, new: { salt, iterations: DEFAULT_ITERATIONS, key_proof: next.keyProof }, levels: sealed },
  });
  return { rotated, key: { version: rotated.version, dataKey: next.dataKey, keyProof: next.keyProof } };
}

export async function rotateOnServer(organizationId: string, project: string, expectedVersion: number): Promise<RotateResult> {
  return apiData<RotateResult>(apiPath(organizationId, project, "keys", "rotate"), { method: "POST", body: { expected_version: expectedVersion } });
}

/** One server-managed batch (≤ 200 versions). */
export async function reencryptBatchOnServer(organizationId: string, project: string, cursor: string | null): Promise<ReencryptResult> {
  return apiData<ReencryptResult>(apiPath(organizationId, project, "keys", "reencrypt-history"), { method: "POST", body: cursor ? { cursor } : {} });
}

/**
 * Client-managed: each older key version the old passphrase opens is walked batch by batch —
 * pending versions opened with it, sealed with the active key, sent back. Returns the versions
 * whose key the passphrase does not open (nothing is sent for them).
 */
export async function reencryptInBrowser(
  organizationId: string, project: string, active: UnlockedProjectKey, older: KeyVersionView[], oldPassphrase: string,
  onBatch: (reencrypted: number) => void,
): Promise<number[]> {
  const path = apiPath(organizationId, project, "keys", "reencrypt-history");
  const send = (body: Record<string, unknown>) => apiData<ReencryptResult>(path, { method: "POST", body: { key_proof: active.keyProof, ...body } });
  const unopened: number[] = [];
  for (const version of older) {
    if (!version.salt || !version.iterations) continue;
    const { dataKey } = await deriveProjectKey(oldPassphrase, version.salt, version.iterations);
    let batch = await send({ versions: [], key_version: version.version });
    let opened = true;
    while (opened && (batch.pending?.length ?? 0) > 0) {
      const sealed = [];
      for (const item of batch.pending!) {
        const values = await openBlob(dataKey, item.content).catch(() => null);
        if (!values) {
          opened = false;
          break;
        }
        sealed.push({ ...where(item), version: item.version, content: await sealBlob(active.dataKey, values) });
      }
      if (!opened) break;
      batch = await send({ versions: sealed, key_version: version.version });
      onBatch(batch.re_encrypted);
    }
    if (!opened) unopened.push(version.version);
  }
  return unopened;
}

/** Server → client: the key material, which key:retrieve hands to callers who may rotate the key. */
export async function retrieveKeyMaterial(organizationId: string, project: string): Promise<{ passphrase: string; salt: string; iterations: number; version: number }> {
  const key = await apiData<{ passphrase?: string; salt: string; iterations: number; version: number }>(apiPath(organizationId, "secrets", "retrieve"), {
    method: "POST", body: { project, action: "key:retrieve" },
  });
  if (!key.passphrase) throw new Error("The server did not hand over the key material: this needs key:retrieve and key:rotate on the project.");
  return { passphrase: key.passphrase, salt: key.salt, iterations: key.iterations, version: key.version };
}

/** Hands custody to the clients on proof (derived here) that this page holds the key material. */
export async function custodyToClient(organizationId: string, project: string, material: { passphrase: string; salt: string; iterations: number; version: number }): Promise<CustodyResult> {
  const { keyProof } = await deriveProjectKey(material.passphrase, material.salt, material.iterations);
  return apiData<CustodyResult>(apiPath(organizationId, project, "keys", "custody"), { method: "POST", body: { custody: "client", key_proof: keyProof, expected_version: material.version } });
}

export async function custodyToServer(organizationId: string, project: string, passphrase: string, expectedVersion: number): Promise<CustodyResult> {
  return apiData<CustodyResult>(apiPath(organizationId, project, "keys", "custody"), { method: "POST", body: { custody: "server", passphrase, expected_version: expectedVersion } });
}

export async function updateCadence(organizationId: string, project: string, days: number | null) {
  return apiData<KeysMeta["rotation"]>(apiPath(organizationId, project, "keys"), { method: "PATCH", body: { rotation_days: days } });
}
