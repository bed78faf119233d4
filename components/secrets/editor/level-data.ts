import { apiData } from "@/lib/client/api";
import { levelApiPath, levelBody, levelKind, type LevelKind, type LevelPath } from "@/lib/client/levels";
import type { Baseline, KnownValues } from "@/lib/client/secret-draft";

// Loading one level for the editor (GET …/secrets, levels apart) and revealing server-managed
// values (a server-side decrypt: needs secret:decrypt, and each call is audited by the server).

export interface EditorPermissions {
  write: boolean;
  decrypt: boolean;
  history: boolean;
}

export interface LevelData {
  baseline: Baseline;
  /** Names defined by the levels above this one, and the deepest of them that defines each. */
  inherited: Record<string, LevelKind>;
  custody: "server" | "client";
}

interface ReadAttributes {
  levels: Record<LevelKind, Record<string, string>>;
  versions?: Partial<Record<LevelKind, number>>;
  tags?: Partial<Record<LevelKind, Record<string, string[]>>>;
  key: { custody: "server" | "client" };
}

export async function fetchLevel(organizationId: string, path: LevelPath): Promise<LevelData> {
  const kind = levelKind(path);
  const data = await apiData<{ attributes: ReadAttributes }>(levelApiPath(organizationId, path), { query: { merge: "false" } });
  const { levels, versions, tags, key } = data.attributes;
  const inherited: Record<string, LevelKind> = {};
  for (const above of ["project", "target"] as const) {
    if (above === kind || !levels[above]) continue;
    for (const name of Object.keys(levels[above])) inherited[name] = above;
  }
  return {
    baseline: { version: versions?.[kind] ?? 0, entries: levels[kind] ?? {}, tags: tags?.[kind] ?? {} },
    inherited,
    custody: key.custody,
  };
}

/** Decrypts this level's values on the server: the given names, or all of them. */
export async function revealOnServer(organizationId: string, path: LevelPath, names?: string[]): Promise<KnownValues> {
  const kind = levelKind(path);
  const data = await apiData<{ attributes: { levels: Record<LevelKind, Record<string, string>> } }>(
    `/api/v1/${encodeURIComponent(organizationId)}/secrets/retrieve`,
    { method: "POST", body: { ...levelBody(path), action: "decrypt", merge: false, ...(names ? { filters: { names } } : {}) } },
  );
  return data.attributes.levels[kind] ?? {};
}
