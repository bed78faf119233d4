"use client";

import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { UnlockDialog } from "@/components/secrets/unlock";
import { errorMessage } from "@/lib/client/api";
import type { Comparison, CompareRow } from "@/lib/schemas/compare";
import { CompareTable } from "./compare-table";
import { useComparison } from "./use-comparison";

// Environment drift (docs/dashboard.md#compare): every effective name × every environment of the
// project, where each value comes from, what is missing, and which environments hold the same
// value — never a value. Filters: names missing somewhere, names that differ from one environment.

type Filter = "all" | "missing" | "differs";

export function CompareView({ project, custody }: { project: { slug: string; name: string }; custody: "server" | "client" }) {
  const { query, comparison, computingLocally, localError, unlocked } = useComparison(project.slug, custody);
  const [filter, setFilter] = useState<Filter>("all");
  const [search, setSearch] = useState("");
  const [reference, setReference] = useState<string | null>(null);
  const [unlockOpen, setUnlockOpen] = useState(false);

  const environments = comparison?.environments ?? [];
  const referencePath = reference ?? environments.find((environment) => environment.environment === "production")?.path ?? environments.at(-1)?.path ?? null;
  const referenceIndex = environments.findIndex((environment) => environment.path === referencePath);
  const equalityKnown = comparison !== undefined && (comparison.equality === "server" || (custody === "client" && unlocked && !computingLocally));
  const counts = useMemo(() => countRows(comparison, referenceIndex), [comparison, referenceIndex]);

  if (query.isPending) return <p role="status" className="py-8 text-center text-sm text-zinc-600 dark:text-zinc-400">Comparing environments…</p>;
  if (query.isError || !comparison) {
    return (
      <div className="space-y-3">
        <Alert tone="error">Could not compare this project&apos;s environments: {errorMessage(query.error)}</Alert>
        <Button variant="secondary" onClick={() => query.refetch()}>Try again</Button>
      </div>
    );
  }
  if (environments.length === 0) {
    return <EmptyState title="No environments to compare">Add environments to this project&apos;s targets (or ask for access to them), then compare them here.</EmptyState>;
  }

  const needle = search.trim().toLowerCase();
  const rows = comparison.names.filter(
    (row) => (!needle || row.name.toLowerCase().includes(needle)) && (filter === "all" || (filter === "missing" ? row.missing_in.length > 0 : differsFrom(row, referenceIndex))),
  );

  return (
    <div className="space-y-4">
      {custody === "client" && !unlocked ? (
        <Alert>
          <span className="flex flex-wrap items-center justify-between gap-2">
            <span>This project is client-managed: the server cannot tell which values are equal. Unlock it to compare values in this tab; presence and sources are shown meanwhile.</span>
            <Button className="px-2.5 py-1" onClick={() => setUnlockOpen(true)}>Unlock to compare values</Button>
          </span>
        </Alert>
      ) : null}
      {custody === "client" ? <UnlockDialog project={project.slug} projectName={project.name} open={unlockOpen} onClose={() => setUnlockOpen(false)} /> : null}
      {localError ? <Alert tone="error">Could not compare the values in this tab: {errorMessage(localError)}</Alert> : null}

      <div className="flex flex-wrap items-end gap-3">
        <fieldset className="flex flex-wrap items-center gap-1" aria-label="Show">
          <FilterButton active={filter === "all"} onClick={() => setFilter("all")}>All names ({comparison.names.length})</FilterButton>
          <FilterButton active={filter === "missing"} onClick={() => setFilter("missing")}>Missing somewhere ({counts.missing})</FilterButton>
          <FilterButton active={filter === "differs"} onClick={() => setFilter("differs")} disabled={!equalityKnown}>
            Differs from {referencePath ?? "…"} ({equalityKnown ? counts.differs : "?"})
          </FilterButton>
        </fieldset>
        <label className="text-sm">
          <span className="sr-only">Compare with</span>
          <select
            aria-label="Environment to compare with"
            value={referencePath ?? ""}
            onChange={(event) => setReference(event.target.value)}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            {environments.map((environment) => <option key={environment.path} value={environment.path}>{environment.path}</option>)}
          </select>
        </label>
        <input
          type="search"
          aria-label="Search names"
          placeholder="Search names"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900 sm:max-w-xs"
        />
      </div>

      <p className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {computingLocally ? "Comparing values in this tab…" : equalityKnown
          ? "Cells with the same letter hold the same value (compared by checksum; no value is shown or sent). Click a cell to open that level's editor at that name."
          : "Click a cell to open that level's editor at that name."}
      </p>

      {comparison.names.length === 0 ? (
        <EmptyState title="No secrets in these environments yet">Names set at the project, a target or an environment show up here.</EmptyState>
      ) : rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-4 py-6 text-center text-sm dark:border-zinc-700">No names match this filter.</p>
      ) : (
        <CompareTable project={project.slug} comparison={comparison} rows={rows} showGroups={equalityKnown} />
      )}
    </div>
  );
}

function FilterButton({ active, disabled, onClick, children }: { active: boolean; disabled?: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={active}
      disabled={disabled}
      onClick={onClick}
      className={`rounded-md border px-2.5 py-1.5 text-sm disabled:opacity-50 ${
        active ? "border-indigo-600 bg-indigo-50 font-medium text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" : "border-zinc-300 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
      }`}
    >
      {children}
    </button>
  );
}

/** Some environment differs from the reference one: another value, or set on one side only. */
function differsFrom(row: CompareRow, referenceIndex: number): boolean {
  const reference = row.cells[referenceIndex];
  if (!reference) return false;
  return row.cells.some((cell, index) => index !== referenceIndex && (cell.present !== reference.present || (cell.present && cell.group !== reference.group)));
}

function countRows(comparison: Comparison | undefined, referenceIndex: number) {
  const names = comparison?.names ?? [];
  return { missing: names.filter((row) => row.missing_in.length > 0).length, differs: names.filter((row) => differsFrom(row, referenceIndex)).length };
}
