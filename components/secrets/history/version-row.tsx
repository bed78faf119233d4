"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { exactTime, relativeTime } from "@/lib/client/relative-time";
import type { LevelPath } from "@/lib/client/levels";
import { SOURCE_LABELS, type LevelPermissions, type VersionSummary } from "./types";
import { ChangeChip } from "./version-comparison";
import { VersionDetails } from "./version-details";

// One entry of the timeline: number, who, when, from where, under which key, and the names it
// added, changed and removed; opens to show its content compared with the current one.

export function VersionRow({
  path,
  summary,
  project,
  can,
  open,
  onToggle,
  onRestore,
  onDelete,
  now,
}: {
  path: LevelPath;
  summary: VersionSummary;
  project: { slug: string; name: string; custody: "server" | "client" };
  can: LevelPermissions;
  open: boolean;
  onToggle: () => void;
  onRestore: () => void;
  onDelete: () => void;
  now: Date;
}) {
  const detailsId = useId();
  const headingId = useId();
  const { added, changed, removed } = summary.names;
  const actor = summary.actor.type === "token" ? `API key ${summary.actor.label}` : summary.actor.label;

  return (
    <li data-testid="version" data-version={summary.version} aria-labelledby={headingId} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1.5">
          <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-semibold">
            Version {summary.version}
            {summary.current ? (
              <span className="rounded-full border border-emerald-300 bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                Current
              </span>
            ) : null}
            {summary.restored_from !== null ? (
              <span className="rounded-full border border-sky-300 bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-800 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200" data-testid="restored-from">
                restored from v{summary.restored_from}
              </span>
            ) : null}
          </h3>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
            <span>
              by <span className="font-medium text-zinc-900 dark:text-zinc-100" data-testid="version-actor">{actor}</span>
            </span>
            <span aria-hidden="true">·</span>
            <time dateTime={new Date(summary.created_at).toISOString()} title={exactTime(summary.created_at)}>
              {relativeTime(summary.created_at, now)}
            </time>
            <span aria-hidden="true">·</span>
            <span>
              via <span data-testid="version-source">{SOURCE_LABELS[summary.source] ?? summary.source}</span>
            </span>
            <span aria-hidden="true">·</span>
            <span>key version {summary.key_version}</span>
          </p>
          <NameChanges added={added} changed={changed} removed={removed} />
        </div>
        <div className="flex flex-wrap gap-2">
          {can.history ? (
            <Button variant="secondary" className="px-2.5 py-1" aria-expanded={open} aria-controls={detailsId} onClick={onToggle} aria-label={`${open ? "Close" : "View"} version ${summary.version}`}>
              {open ? "Close" : "View"}
            </Button>
          ) : null}
          {can.restore && !summary.current ? (
            <Button variant="secondary" className="px-2.5 py-1" onClick={onRestore} aria-label={`Restore version ${summary.version}`}>
              Restore
            </Button>
          ) : null}
          {can.purge && !summary.current ? (
            <Button variant="ghost" className="px-2.5 py-1 text-red-700 dark:text-red-400" onClick={onDelete} aria-label={`Delete version ${summary.version}`}>
              Delete
            </Button>
          ) : null}
        </div>
      </div>
      {open && can.history ? (
        <div id={detailsId} className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <VersionDetails path={path} summary={summary} project={project} can={can} />
        </div>
      ) : null}
    </li>
  );
}

function NameChanges({ added, changed, removed }: { added: string[]; changed: string[]; removed: string[] }) {
  if (!added.length && !changed.length && !removed.length) {
    return <p className="text-sm text-zinc-500">No names added, changed or removed.</p>;
  }
  const groups = [
    { change: "added" as const, names: added },
    { change: "changed" as const, names: changed },
    { change: "removed" as const, names: removed },
  ].filter((group) => group.names.length > 0);
  return (
    <dl className="space-y-1 text-sm" data-testid="version-names">
      {groups.map((group) => (
        <div key={group.change} className="flex flex-wrap items-center gap-1.5" data-change={group.change}>
          <dt>
            <ChangeChip change={group.change} />
          </dt>
          {group.names.map((name) => (
            <dd key={name}>
              <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{name}</code>
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}
