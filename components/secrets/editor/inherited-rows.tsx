"use client";

import Link from "next/link";
import { LevelBadge } from "@/components/secrets/inheritance/level-badge";
import { levelPages, type LevelKind, type LevelPath } from "@/lib/client/levels";

// Names this level receives from the levels above and does not set itself, as rows of their own:
// greyed, value masked, the level they come from (linked to its editor at that name), and
// "Override here", which adds the name to this level's draft (it then overrides the upper value).

export function InheritedRows({
  path, names, from, canOverride, onOverride,
}: {
  path: LevelPath;
  names: string[];
  /** NAME → the deepest upper level defining it. */
  from: Record<string, LevelKind>;
  canOverride: boolean;
  onOverride: (name: string) => void;
}) {
  if (names.length === 0) return null;
  const levelOf = (kind: LevelKind): LevelPath => (kind === "project" ? { project: path.project } : { project: path.project, target: path.target });
  return (
    <section aria-labelledby="inherited-heading" className="space-y-2">
      <h2 id="inherited-heading" className="text-sm font-medium text-zinc-600 dark:text-zinc-400">
        Inherited from the levels above ({names.length})
      </h2>
      <ul aria-label="Inherited secrets" className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-dashed border-zinc-300 bg-zinc-50/70 dark:divide-zinc-800 dark:border-zinc-700 dark:bg-zinc-900/40">
        {names.map((name) => (
          <li
            key={name}
            data-testid="inherited-row"
            data-name={name}
            className="grid grid-cols-1 gap-2 px-3 py-2 text-zinc-500 md:grid-cols-[minmax(9rem,1fr)_minmax(12rem,2fr)_minmax(7rem,0.8fr)_15rem] md:items-center dark:text-zinc-400"
          >
            <span className="min-w-0 truncate px-2 font-mono text-sm">{name}</span>
            <span className="secret px-2 font-mono text-sm tracking-widest">
              <span aria-hidden="true">••••••••</span>
              <span className="sr-only">Value of {name}: inherited, hidden</span>
            </span>
            <span className="flex flex-wrap items-center gap-1 text-xs">
              <LevelBadge level={from[name]!} />
              <Link href={levelPages.secretsAt(levelOf(from[name]!), name)} className="text-indigo-700 hover:underline dark:text-indigo-300" aria-label={`Edit ${name} at the ${from[name]} level`}>
                edit there
              </Link>
            </span>
            <span className="flex md:justify-end">
              {canOverride ? (
                <button
                  type="button"
                  onClick={() => onOverride(name)}
                  aria-label={`Override ${name} here`}
                  className="rounded-md border border-zinc-300 px-2 py-1 text-xs text-zinc-800 hover:bg-white focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
                >
                  Override here
                </button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
