// Shown while the overview loads: the page's shape, without content, announced as busy.
export default function Loading() {
  return (
    <div className="animate-pulse space-y-8" aria-busy="true" aria-label="Loading project">
      <div className="space-y-3">
        <div className="h-4 w-48 rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-8 w-72 rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-4 w-40 rounded bg-zinc-200 dark:bg-zinc-800" />
      </div>
      <div className="space-y-4">
        <div className="h-28 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-28 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
      </div>
      <span className="sr-only">Loading project…</span>
    </div>
  );
}
