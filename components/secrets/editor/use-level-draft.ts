"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { useToast } from "@/components/ui/toast";
import { levelLabel, type LevelPath } from "@/lib/client/levels";
import { decryptValues, type UnlockedProjectKey } from "@/lib/client/project-key";
import { isDirty, rowsFromBaseline, type Baseline, type DraftRow, type KnownValues } from "@/lib/client/secret-draft";
import { fetchLevel, type LevelData } from "./level-data";
import { useUnsavedGuard } from "./use-unsaved-guard";

// The level as the server last gave it (the baseline), the draft rows on top of it, and the
// plaintext values this tab knows. Fresh server data replaces the draft only while it is clean:
// a background refresh never touches someone's edits.

export type LevelDraft = ReturnType<typeof useLevelDraft>;

export function useLevelDraft(path: LevelPath, clientKey: UnlockedProjectKey | null) {
  const organization = useOrganization();
  const toast = useToast();
  const queryClient = useQueryClient();
  const label = levelLabel(path);
  const queryKey = useMemo(() => ["level-secrets", organization.id, label], [organization.id, label]);

  const [baseline, setBaseline] = useState<Baseline | null>(null);
  const [rows, setRows] = useState<DraftRow[]>([]);
  const [known, setKnown] = useState<KnownValues>({});
  const [loadedFrom, setLoadedFrom] = useState<LevelData | null>(null);

  const dirty = baseline !== null && isDirty(rows, baseline, known);
  const query = useQuery({ queryKey, queryFn: () => fetchLevel(organization.id, path), refetchOnWindowFocus: !dirty });
  useUnsavedGuard(dirty);

  // Adopt freshly loaded data unless the user is editing (background refreshes never touch a draft).
  if (query.data && query.data !== loadedFrom && (baseline === null || !dirty)) {
    setLoadedFrom(query.data);
    setBaseline(query.data.baseline);
    setRows(rowsFromBaseline(query.data.baseline));
  }

  // Client-managed and unlocked: decrypt this level's values in the browser.
  useEffect(() => {
    if (!clientKey || !baseline) return;
    let cancelled = false;
    decryptValues(clientKey.dataKey, baseline.entries).then(
      (values) => !cancelled && setKnown(values),
      () => !cancelled && toast.error("Some values do not decrypt with this key. Reload the page and unlock again."),
    );
    return () => {
      cancelled = true;
    };
  }, [clientKey, baseline, toast]);

  /** Makes `data` the baseline (and the query's cache), with the values and draft rows that go with it. */
  function adopt(data: LevelData, values: KnownValues, nextRows: DraftRow[]) {
    queryClient.setQueryData(queryKey, data);
    setLoadedFrom(data);
    setBaseline(data.baseline);
    setRows(nextRows);
    setKnown(values);
  }

  /** Adds values revealed since (server-side decrypt) to the ones this tab knows. */
  function learn(values: KnownValues) {
    setKnown((all) => ({ ...all, ...values }));
  }

  /** Forgets every plaintext, the draft's included (the project was locked). */
  function forgetValues() {
    setKnown({});
    if (baseline) setRows(rowsFromBaseline(baseline));
  }

  return {
    organizationId: organization.id,
    label,
    query,
    baseline,
    rows,
    setRows,
    known,
    setKnown,
    dirty,
    /** Names defined by the levels above, and which level defines each. */
    inherited: query.data?.inherited ?? loadedFrom?.inherited ?? {},
    /** A version someone else saved after the one this draft is based on. */
    newerVersion: query.data && baseline && query.data.baseline.version > baseline.version ? query.data.baseline.version : null,
    adopt,
    learn,
    forgetValues,
  };
}
