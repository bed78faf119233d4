"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { useRevealableValues } from "@/components/secrets/inheritance/use-revealable-values";
import { apiData } from "@/lib/client/api";
import { levelApiPath, levelKind, levelLabel, type LevelPath } from "@/lib/client/levels";
import { compareContents } from "@/lib/client/version-compare";
import type { LevelPermissions, VersionDetail } from "./types";

// One stored version next to the level's current content, for viewing and for the restore
// preview: ciphertext first (names only need that), plaintext once revealed and allowed. The
// comparison uses plaintext when every value involved is known, else the stored ciphertext.

interface LevelRead {
  attributes: { levels: Record<string, Record<string, string>>; key_versions: Record<string, number> };
}

export function versionQueryKey(organizationId: string, path: LevelPath, version: number) {
  return ["version", organizationId, levelLabel(path), version] as const;
}

export function useVersionContent({
  path,
  version,
  custody,
  can,
}: {
  path: LevelPath;
  version: number;
  custody: "server" | "client";
  can: LevelPermissions;
}) {
  const organization = useOrganization();
  const kind = levelKind(path);
  const detail = useQuery({
    queryKey: versionQueryKey(organization.id, path, version),
    queryFn: ({ signal }) => apiData<VersionDetail>(levelApiPath(organization.id, path, "versions", version), { signal }),
  });
  const current = useQuery({
    queryKey: ["secrets", organization.id, levelLabel(path), "level"],
    queryFn: ({ signal }) => apiData<LevelRead>(levelApiPath(organization.id, path), { query: { merge: "false" }, signal }),
    enabled: can.read,
    staleTime: 0,
  });

  const versionEntries = detail.data?.secrets;
  const currentEntries = current.data?.attributes.levels[kind];
  const groups = useMemo(
    () => ({
      version: { entries: versionEntries ?? {}, keyVersion: detail.data?.key_version ?? null },
      current: { entries: currentEntries ?? {}, keyVersion: current.data?.attributes.key_versions[kind] ?? null },
    }),
    [versionEntries, currentEntries, detail.data?.key_version, current.data, kind],
  );

  const serverDecrypt = useCallback(async () => {
    const [plainVersion, plainCurrent] = await Promise.all([
      apiData<VersionDetail>(levelApiPath(organization.id, path, "versions", version), { query: { decrypt: true } }),
      can.read ? apiData<LevelRead>(levelApiPath(organization.id, path), { query: { merge: "false", decrypt: true } }) : null,
    ]);
    return { version: plainVersion.secrets, ...(plainCurrent ? { current: plainCurrent.attributes.levels[kind] ?? {} } : {}) };
  }, [organization.id, path, version, can.read, kind]);

  const values = useRevealableValues({ project: path.project, custody, canDecrypt: can.decrypt, groups, serverDecrypt });

  /** Plaintext of a whole group, or null while any value of it is unknown. */
  const plainGroup = (group: "version" | "current") => {
    const entries = groups[group].entries;
    const plain: Record<string, string> = {};
    for (const name of Object.keys(entries)) {
      const value = values.plaintext(group, name);
      if (value === undefined) return null;
      plain[name] = value;
    }
    return plain;
  };
  const plainVersion = plainGroup("version");
  const plainCurrent = plainGroup("current");
  const byValue = plainVersion !== null && plainCurrent !== null;
  const comparison = compareContents(byValue ? plainCurrent : groups.current.entries, byValue ? plainVersion : groups.version.entries);

  return {
    detail,
    current,
    values,
    comparison,
    /** True when "changed" was decided on plaintext; false when on stored ciphertext. */
    comparedByValue: byValue,
    loading: detail.isPending || (can.read && current.isPending),
    error: detail.error ?? current.error,
  };
}
