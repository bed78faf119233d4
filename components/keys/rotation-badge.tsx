// "Rotation overdue": a project's key has been active longer than its rotation cadence. In words
// as well as colour (state is never colour alone); server-renderable.

export function RotationOverdueBadge({ dueAt, className = "" }: { dueAt?: string | null; className?: string }) {
  return (
    <span
      data-testid="rotation-overdue"
      title={dueAt ? `The key was due for rotation on ${new Date(dueAt).toDateString()}.` : "The key is older than its rotation cadence."}
      className={`inline-flex items-center gap-1 rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100 ${className}`}
    >
      <span aria-hidden="true">⏰</span>
      Key rotation overdue
    </span>
  );
}
