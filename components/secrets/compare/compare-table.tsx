"use client";

import Link from "next/link";
import { levelPages, type LevelPath } from "@/lib/client/levels";
import type { CompareCell, CompareRow, Comparison } from "@/lib/schemas/compare";

// The matrix: names down, environments across (grouped by target). Each cell says in words where
// the value comes from (or that it is missing), carries its equality letter, and links to the
// editor of the level that holds it, opened at that name (a missing one opens the environment's
// editor, which offers to add it).

const SOURCE_TEXT = { environment: "Set here", target: "From target", project: "From project" } as const;
const SOURCE_STYLE = {
  environment: "border-indigo-200 bg-indigo-50/60 dark:border-indigo-900 dark:bg-indigo-950/40",
  target: "border-sky-200 bg-sky-50/60 dark:border-sky-900 dark:bg-sky-950/40",
  project: "border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900",
} as const;

const letter = (group: number) => (group <= 26 ? String.fromCharCode(64 + group) : String(group));

export function CompareTable({ project, comparison, rows, showGroups }: { project: string; comparison: Comparison; rows: CompareRow[]; showGroups: boolean }) {
  const targets = comparison.environments.reduce<{ target: string; span: number }[]>((groups, environment) => {
    const last = groups.at(-1);
    if (last && last.target === environment.target) last.span++;
    else groups.push({ target: environment.target, span: 1 });
    return groups;
  }, []);

  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full border-collapse text-sm" data-testid="compare-matrix">
        <caption className="sr-only">Secret names of {project} across environments: where each is set, what is missing, which values are equal</caption>
        <thead className="bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-800/50 dark:text-zinc-400">
          <tr>
            <th scope="col" rowSpan={2} className="sticky left-0 z-10 bg-zinc-50 px-3 py-2 align-bottom font-medium uppercase tracking-wide dark:bg-zinc-800">Name</th>
            {targets.map((group, index) => (
              <th key={`${group.target}-${index}`} scope="colgroup" colSpan={group.span} className="border-l border-zinc-200 px-3 pt-2 font-mono font-medium dark:border-zinc-700">
                {group.target}
              </th>
            ))}
          </tr>
          <tr>
            {comparison.environments.map((environment) => (
              <th key={environment.path} scope="col" className="border-l border-zinc-200 px-3 pb-2 font-mono font-semibold text-zinc-900 dark:border-zinc-700 dark:text-zinc-100">
                {environment.environment}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-testid="compare-row" data-name={row.name} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <th scope="row" className="sticky left-0 z-10 bg-white px-3 py-2 text-left font-normal dark:bg-zinc-900">
                <code className="font-mono text-sm font-medium break-all">{row.name}</code>
                {row.missing_in.length > 0 ? <span className="block text-xs text-red-700 dark:text-red-400">missing in {row.missing_in.length}</span> : null}
              </th>
              {row.cells.map((cell, index) => (
                <td key={comparison.environments[index]!.path} className="border-l border-zinc-200 p-1.5 dark:border-zinc-800">
                  <Cell project={project} name={row.name} cell={cell} environment={comparison.environments[index]!} row={row} index={index} comparison={comparison} showGroups={showGroups} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({
  project, name, cell, environment, row, index, comparison, showGroups,
}: {
  project: string; name: string; cell: CompareCell; environment: Comparison["environments"][number]; row: CompareRow; index: number; comparison: Comparison; showGroups: boolean;
}) {
  const here: LevelPath = { project, target: environment.target, environment: environment.environment };
  if (!cell.present) {
    return (
      <Link
        href={levelPages.secretsAt(here, name)}
        data-testid="compare-cell" data-state="missing"
        aria-label={`${name} is missing in ${environment.path}: open its editor`}
        className="block rounded-md border border-dashed border-red-300 px-2 py-1.5 text-red-800 hover:bg-red-50 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950"
      >
        Missing
      </Link>
    );
  }
  const source = cell.source!;
  const level: LevelPath = source === "environment" ? here : source === "target" ? { project, target: environment.target } : { project };
  const sameAs = showGroups && cell.group !== null ? row.cells.findIndex((other) => other.group === cell.group) : -1;
  const sameText = sameAs !== -1 && sameAs !== index ? `same value as ${comparison.environments[sameAs]!.path}` : null;
  return (
    <Link
      href={levelPages.secretsAt(level, name)}
      data-testid="compare-cell" data-state={source} data-group={showGroups && cell.group !== null ? cell.group : undefined}
      aria-label={`${name} in ${environment.path}: ${SOURCE_TEXT[source].toLowerCase()}${sameText ? `, ${sameText}` : ""}. Open the ${source} editor`}
      title={sameText ?? undefined}
      className={`flex items-center justify-between gap-2 rounded-md border px-2 py-1.5 hover:border-indigo-400 ${SOURCE_STYLE[source]}`}
    >
      <span>
        <span className="block">{SOURCE_TEXT[source]}</span>
        {sameText ? <span className="block text-xs text-zinc-500">{sameText}</span> : null}
      </span>
      {showGroups && cell.group !== null ? (
        <span aria-hidden="true" className="rounded bg-white px-1.5 font-mono text-xs font-semibold text-zinc-700 shadow-sm dark:bg-zinc-800 dark:text-zinc-200">
          {letter(cell.group)}
        </span>
      ) : null}
    </Link>
  );
}
