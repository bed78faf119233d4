"use client";

import { useQuery } from "@tanstack/react-query";
import { useOrganization } from "@/components/dashboard/organization-context";
import { useProjectKey } from "@/components/secrets/project-keys";
import { apiData, apiPath } from "@/lib/client/api";
import { levelApiPath } from "@/lib/client/levels";
import { decryptValues } from "@/lib/client/project-key";
import { comparisonRows, type Comparison, type EffectiveColumn, type LevelName } from "@/lib/schemas/compare";

// The comparison of a project's environments. The server answers names, sources and — for a
// server-managed project — equality groups (GET …/compare). For a client-managed project unlocked in
// this tab, the groups are computed here: each environment's ciphertexts are fetched (secret:read),
// decrypted with the key in memory and compared as HMACs under a random key of this computation,
// so no value is kept, shown or sent anywhere.

interface LevelsAttributes {
  levels: Partial<Record<LevelName, Record<string, string>>>;
  key_versions: Partial<Record<LevelName, number>>;
}

export function useComparison(project: string, custody: "server" | "client") {
  const organization = useOrganization();
  const { key } = useProjectKey(project);
  const query = useQuery({
    queryKey: ["compare", organization.id, project],
    queryFn: ({ signal }) => apiData<Comparison>(apiPath(organization.id, project, "compare"), { signal }),
    staleTime: 0,
  });
  const local = useQuery({
    queryKey: ["compare", organization.id, project, "local", key?.version ?? null, query.dataUpdatedAt],
    enabled: custody === "client" && key !== null && query.data !== undefined,
    queryFn: async () => localGroups(query.data!, async (path) => {
      const [target, environment] = path.split("/") as [string, string];
      return (await apiData<{ attributes: LevelsAttributes }>(levelApiPath(organization.id, { project, target, environment }), { query: { merge: "false" } })).attributes;
    }, key!),
    staleTime: Infinity,
  });
  const comparison = custody === "client" && local.data ? local.data : query.data;
  return { query, comparison, computingLocally: local.isFetching, localError: local.error, unlocked: key !== null };
}

async function localGroups(
  comparison: Comparison, read: (path: string) => Promise<LevelsAttributes>, key: { version: number; dataKey: CryptoKey },
): Promise<Comparison> {
  const hmacKey = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const token = async (value: string) => btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(value)))));
  const columns: EffectiveColumn[] = [];
  for (const environment of comparison.environments) {
    const attributes = await read(environment.path);
    const column = new Map<string, { source: LevelName; token: string | null }>();
    for (const level of ["project", "target", "environment"] as const) {
      const entries = attributes.levels[level] ?? {};
      // A level still under an older key cannot be opened with this one: its equality stays unknown.
      const values = attributes.key_versions[level] === key.version ? await decryptValues(key.dataKey, entries) : {};
      for (const name of Object.keys(entries)) column.set(name, { source: level, token: name in values ? await token(values[name]!) : null });
    }
    columns.push(column);
  }
  return { ...comparison, names: comparisonRows(comparison.environments.map((environment) => environment.path), columns) };
}
