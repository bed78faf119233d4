"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiData, apiRequest, errorMessage } from "@/lib/client/api";
import { levelApiPath, levelKind, levelLabel, levelPages, type LevelPath } from "@/lib/client/levels";
import { RestoreDialog } from "./restore-dialog";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import type { LevelPermissions, VersionSummary } from "./types";
import { VersionRow } from "./version-row";

// A level's timeline, newest first, a page at a time ("Load more"). Restore, delete and purge go
// through the versions API, so the server's authorize() decides again whatever the page shows.

const PAGE_SIZE = 20;

export function HistoryView({
  path,
  project,
  can,
}: {
  path: LevelPath;
  project: { slug: string; name: string; custody: "server" | "client" };
  can: LevelPermissions;
}) {
  const organization = useOrganization();
  const queryClient = useQueryClient();
  const toast = useToast();
  const label = levelLabel(path);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [restoring, setRestoring] = useState<VersionSummary | null>(null);
  const [deleting, setDeleting] = useState<VersionSummary | null>(null);
  const [purging, setPurging] = useState(false);

  const versions = useInfiniteQuery({
    queryKey: ["versions", organization.id, label],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = await apiRequest<VersionSummary[]>(levelApiPath(organization.id, path, "versions"), {
        query: { limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      });
      return { items: page.data, next: (page.meta?.next_cursor as string | null | undefined) ?? null };
    },
    getNextPageParam: (last) => last.next,
    // Always refetched on arrival: a save in the editor adds a version.
    staleTime: 0,
  });

  const items = versions.data?.pages.flatMap((page) => page.items) ?? [];
  const current = items.find((item) => item.current) ?? null;
  const now = new Date();

  /** After any change: the timeline, the opened versions and every view of this project's secrets. */
  async function refresh() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["versions", organization.id, label] }),
      queryClient.invalidateQueries({ queryKey: ["version", organization.id, label] }),
      queryClient.invalidateQueries({ queryKey: ["secrets", organization.id] }),
      // The editor's own copy of level contents (components/secrets/editor).
      queryClient.invalidateQueries({ queryKey: ["level-secrets", organization.id] }),
    ]);
  }

  async function restore(version: number, expectedVersion: number | null) {
    try {
      const restored = await apiData<{ version: number }>(levelApiPath(organization.id, path, "versions", version, "restore"), {
        method: "POST",
        body: expectedVersion === null ? {} : { expected_version: expectedVersion },
      });
      toast.success(`Restored version ${version} as version ${restored.version}`);
      setRestoring(null);
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.code === "version_conflict") await refresh();
      throw error;
    }
  }

  async function deleteVersion(version: number) {
    try {
      await apiRequest(levelApiPath(organization.id, path, "versions", version), { method: "DELETE" });
    } catch (error) {
      await refresh();
      throw new Error(errorMessage(error));
    }
    toast.success(`Deleted version ${version}`);
    setOpen((all) => new Set([...all].filter((number) => number !== version)));
    await refresh();
  }

  async function purge() {
    let purged: number;
    try {
      purged = (await apiData<{ purged: number }>(levelApiPath(organization.id, path, "versions", "purge"), { method: "POST", body: { confirmed: true } })).purged;
    } catch (error) {
      throw new Error(errorMessage(error));
    }
    toast.success(purged === 1 ? "Purged 1 earlier version" : `Purged ${purged} earlier versions`);
    setOpen(new Set());
    await refresh();
  }

  if (versions.isPending) {
    return (
      <p role="status" className="py-8 text-center text-sm text-zinc-600 dark:text-zinc-400">
        Loading history…
      </p>
    );
  }
  if (versions.isError) {
    return (
      <div className="space-y-3">
        <Alert tone="error">Could not load the history: {errorMessage(versions.error)}</Alert>
        <Button variant="secondary" onClick={() => versions.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (items.length === 0) {
    return (
      <EmptyState
        title="No versions yet — every save records one"
        action={
          <Link href={levelPages.secrets(path)} className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Open the {levelKind(path)} editor
          </Link>
        }
      >
        When someone saves this {levelKind(path)}&apos;s secrets (in the dashboard, the CLI or the API), the version appears here.
      </EmptyState>
    );
  }

  const hasEarlier = items.length > 1 || versions.hasNextPage;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {current ? `Current version: ${current.version}. ` : ""}
          {items.length} {items.length === 1 ? "version" : "versions"} shown{versions.hasNextPage ? ", more below" : ""}.
        </p>
      </div>
      <ol className="space-y-3" aria-label={`Versions of ${label}, newest first`}>
        {items.map((summary) => (
          <VersionRow
            key={summary.version}
            path={path}
            summary={summary}
            project={project}
            can={can}
            now={now}
            open={open.has(summary.version)}
            onToggle={() =>
              setOpen((all) => {
                const next = new Set(all);
                if (next.has(summary.version)) next.delete(summary.version);
                else next.add(summary.version);
                return next;
              })
            }
            onRestore={() => setRestoring(summary)}
            onDelete={() => setDeleting(summary)}
          />
        ))}
      </ol>
      {versions.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => versions.fetchNextPage()} disabled={versions.isFetchingNextPage}>
            {versions.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}

      {can.purge && hasEarlier ? (
        // Destructive and rarely needed: a secondary action at the end of the timeline, behind typed confirmation.
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 pt-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <span>Earlier versions can be erased for good, keeping only the current one.</span>
          <Button variant="ghost" className="px-2.5 py-1 text-red-700 dark:text-red-400" onClick={() => setPurging(true)}>
            Purge earlier versions…
          </Button>
        </div>
      ) : null}

      {restoring ? (
        <RestoreDialog
          path={path}
          summary={restoring}
          currentVersion={current?.version ?? null}
          project={project}
          can={can}
          onClose={() => setRestoring(null)}
          onRestore={restore}
        />
      ) : null}
      <TypedConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete version ${deleting?.version ?? ""}?`}
        description={
          <>
            Version {deleting?.version} of <code className="font-mono">{label}</code> will be erased for good; it cannot be restored afterwards. The
            current content does not change.
          </>
        }
        phrase={label}
        actionLabel={`Delete version ${deleting?.version ?? ""}`}
        onConfirm={() => deleteVersion(deleting!.version)}
      />
      <TypedConfirmDialog
        open={purging}
        onClose={() => setPurging(false)}
        title="Purge earlier versions?"
        description={
          <>
            Every version of <code className="font-mono">{label}</code> except the current one{current ? ` (version ${current.version})` : ""} will be
            erased for good. They cannot be restored afterwards.
          </>
        }
        phrase={label}
        actionLabel="Purge earlier versions"
        onConfirm={purge}
      />
    </div>
  );
}
