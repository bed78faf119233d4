import { SENSITIVE, SENSITIVE_CLASS } from "@/components/projects/sensitive";

// One secret value, wherever it is shown (the editor's dialogs, effective values, history): masked
// until shown; "hidden" when this person cannot see it; "not set" when that side has none. A shown
// value carries the markers that keep it out of session-replay and analytics tools, and an empty
// value says so instead of vanishing.

interface SecretValueProps {
  value: string | undefined;
  shown: boolean;
  /** What the value is, for screen readers while it is masked. */
  label?: string;
  /** False when this side has no such secret at all. */
  present?: boolean;
  /** An old value that is being replaced or removed. */
  strike?: boolean;
}

export function SecretValue({ value, shown, label = "Value", present = true, strike = false }: SecretValueProps) {
  if (!present) return <span className="text-xs italic text-zinc-500">not set</span>;
  if (!shown || value === undefined) {
    return (
      <span className="font-mono text-sm tracking-widest text-zinc-500 dark:text-zinc-400" aria-label={`${label}: hidden`} role="img" data-testid="secret-value-hidden">
        {shown ? <span className="text-xs italic tracking-normal">hidden</span> : "••••••••"}
      </span>
    );
  }
  return (
    <code
      {...SENSITIVE}
      data-testid="secret-value"
      className={`${SENSITIVE_CLASS} inline-block max-w-full whitespace-pre-wrap break-all rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-sm text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100 ${strike ? "text-red-700 line-through dark:text-red-400" : ""}`}
    >
      {value === "" ? <em className="text-zinc-500 not-italic">(empty)</em> : value}
    </code>
  );
}

export function ShowValuesToggle({ shown, onChange }: { shown: boolean; onChange: (shown: boolean) => void }) {
  return (
    <label className="inline-flex items-center gap-2 text-sm">
      <input type="checkbox" checked={shown} onChange={(event) => onChange(event.target.checked)} className="h-4 w-4 accent-indigo-600" />
      Show values
    </label>
  );
}
