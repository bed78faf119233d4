"use client";

import { SecretValue } from "@/components/secrets/secret-value";
import type { RevealableValues } from "@/components/secrets/inheritance/use-revealable-values";
import { countChanges, type NameChange, type NameComparison } from "@/lib/client/version-compare";

// A by-name comparison of a version with the current content: what restoring it would add,
// change and remove, with both values side by side (masked unless revealed). Changes are told in
// words and symbols, not colour alone.

const CHANGE_STYLES: Record<NameChange, { label: string; symbol: string; className: string }> = {
  added: { label: "Added", symbol: "+", className: "text-emerald-800 bg-emerald-50 border-emerald-200 dark:text-emerald-200 dark:bg-emerald-950 dark:border-emerald-900" },
  changed: { label: "Changed", symbol: "~", className: "text-amber-900 bg-amber-50 border-amber-200 dark:text-amber-200 dark:bg-amber-950 dark:border-amber-900" },
  removed: { label: "Removed", symbol: "−", className: "text-red-800 bg-red-50 border-red-200 dark:text-red-200 dark:bg-red-950 dark:border-red-900" },
  unchanged: { label: "Unchanged", symbol: "=", className: "text-zinc-600 bg-zinc-50 border-zinc-200 dark:text-zinc-400 dark:bg-zinc-900 dark:border-zinc-800" },
};

export function ChangeChip({ change }: { change: NameChange }) {
  const style = CHANGE_STYLES[change];
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium ${style.className}`}>
      <span aria-hidden="true">{style.symbol}</span>
      {style.label}
    </span>
  );
}

/** "Restoring would add 1, change 2 and remove 1 names" — or that nothing would change. */
export function comparisonSummary(rows: NameComparison[]): string {
  const counts = countChanges(rows);
  const parts = [
    counts.added ? `add ${counts.added}` : null,
    counts.changed ? `change ${counts.changed}` : null,
    counts.removed ? `remove ${counts.removed}` : null,
  ].filter(Boolean);
  if (!parts.length) return "Restoring it would change nothing: it matches the current content.";
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
  return `Restoring it would ${list} ${counts.added + counts.changed + counts.removed === 1 ? "name" : "names"}.`;
}

export function VersionComparison({
  rows,
  values,
  revealed,
  comparedByValue,
  hideUnchanged = false,
  contentOnly = false,
  caption,
}: {
  rows: NameComparison[];
  values: RevealableValues;
  revealed: boolean;
  comparedByValue: boolean;
  hideUnchanged?: boolean;
  /** The current version itself: nothing to compare, only its names and values. */
  contentOnly?: boolean;
  caption: string;
}) {
  const shown = hideUnchanged ? rows.filter((row) => row.change !== "unchanged") : rows;
  const unchanged = rows.length - rows.filter((row) => row.change !== "unchanged").length;
  return (
    <div className="space-y-2">
      {!comparedByValue && rows.some((row) => row.change === "changed") ? (
        <p className="text-xs text-zinc-500">
          Compared as stored (encrypted): a value written again counts as changed. Reveal values to compare the values themselves.
        </p>
      ) : null}
      <div className="relative overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table className="w-full min-w-[32rem] text-sm" data-testid="version-comparison">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-600 dark:bg-zinc-800/50 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              {contentOnly ? null : (
                <>
                  <th scope="col" className="px-3 py-2">
                    Change
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Current
                  </th>
                </>
              )}
              <th scope="col" className="px-3 py-2">
                {contentOnly ? "Value" : "This version"}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.name} data-testid="comparison-row" data-name={row.name} data-change={row.change} className="border-t border-zinc-200 align-top dark:border-zinc-800">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <code className="font-mono font-medium break-all">{row.name}</code>
                </th>
                {contentOnly ? null : (
                  <>
                    <td className="px-3 py-2">
                      <ChangeChip change={row.change} />
                    </td>
                    <td className={`px-3 py-2 ${row.change === "changed" || row.change === "removed" ? "line-through decoration-red-400" : ""}`}>
                      {row.current === undefined ? <span className="text-zinc-500">—</span> : <SecretValue value={values.plaintext("current", row.name)} shown={revealed} label={`Current ${row.name}`} />}
                    </td>
                  </>
                )}
                <td className="px-3 py-2">
                  {row.version === undefined ? <span className="text-zinc-500">—</span> : <SecretValue value={values.plaintext("version", row.name)} shown={revealed} label={`${row.name} in this version`} />}
                </td>
              </tr>
            ))}
            {shown.length === 0 ? (
              <tr>
                <td colSpan={contentOnly ? 2 : 4} className="px-3 py-4 text-center text-zinc-500">
                  {rows.length === 0 ? (contentOnly ? "This version is empty." : "Both are empty.") : "No differences."}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {hideUnchanged && unchanged > 0 ? <p className="text-xs text-zinc-500">{unchanged} unchanged {unchanged === 1 ? "name is" : "names are"} not listed.</p> : null}
    </div>
  );
}
