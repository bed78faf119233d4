import Link from "next/link";
import { levelPages, type LevelPath, type LevelTab } from "@/lib/client/levels";

// The sibling environments of the same target, one click away on every level page (secrets,
// effective values, history), opening the same view of the chosen environment.

export function EnvironmentSwitcher({ path, siblings, current }: { path: LevelPath & { target: string; environment: string }; siblings: string[]; current: LevelTab }) {
  if (siblings.length < 2) return null;
  const href = (environment: string) => {
    const next = { project: path.project, target: path.target, environment };
    return current === "effective" ? levelPages.effective(next) : current === "history" ? levelPages.history(next) : levelPages.secrets(next);
  };
  return (
    <nav aria-label={`Environments of ${path.target}`} className="flex flex-wrap items-center gap-1 text-sm">
      <span className="mr-1 text-xs text-zinc-500">Environment</span>
      {siblings.map((environment) => (
        <Link
          key={environment}
          href={href(environment)}
          aria-current={environment === path.environment ? "page" : undefined}
          className={`rounded-full border px-2.5 py-0.5 font-mono text-xs ${
            environment === path.environment
              ? "border-indigo-600 bg-indigo-50 font-semibold text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
              : "border-zinc-300 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
          }`}
        >
          {environment}
        </Link>
      ))}
    </nav>
  );
}
