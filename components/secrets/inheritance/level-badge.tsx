import { LEVEL_LABELS, type LevelName } from "@/lib/client/inheritance";

// The level a value comes from, in words (never colour alone) with a colour per depth.

const COLOURS: Record<LevelName, string> = {
  project: "border-zinc-300 bg-zinc-100 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200",
  target: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200",
  environment: "border-indigo-300 bg-indigo-50 text-indigo-900 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
};

export function LevelBadge({ level }: { level: LevelName }) {
  return (
    <span data-level={level} className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${COLOURS[level]}`}>
      {LEVEL_LABELS[level]}
    </span>
  );
}
