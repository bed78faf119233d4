import { SENSITIVE, SENSITIVE_CLASS } from "@/components/projects/sensitive";

// One secret value: masked unless revealed (and known). Revealed values carry the markers that
// keep them out of session-replay and analytics tools; an empty value says so instead of vanishing.

export function SecretValue({ value, revealed, label }: { value: string | undefined; revealed: boolean; label: string }) {
  if (!revealed || value === undefined) {
    return (
      <span className="font-mono text-sm tracking-widest text-zinc-500 dark:text-zinc-400" aria-label={`${label}: hidden`} role="img" data-testid="secret-value-hidden">
        ••••••••
      </span>
    );
  }
  return (
    <code
      {...SENSITIVE}
      data-testid="secret-value"
      className={`${SENSITIVE_CLASS} block max-w-full whitespace-pre-wrap break-all rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-sm text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100`}
    >
      {value === "" ? <em className="text-zinc-500 not-italic">(empty)</em> : value}
    </code>
  );
}
