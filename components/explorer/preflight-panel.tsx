import type { Verdict } from "@/lib/schemas/explorer";

const TONES = {
  allowed: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  denied: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
  invalid: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
};
const TITLES = { allowed: "Allowed", denied: "Refused", invalid: "Invalid request" };

// The pre-flight verdict: what authorize() says about this call with this key, before it is sent.
export function PreflightPanel({ verdict, pending, error }: { verdict: Verdict | null; pending: boolean; error: string | null }) {
  if (error) return <div role="alert" className={`rounded-md border px-3 py-2 text-sm ${TONES.invalid}`}>Pre-flight unavailable: {error}</div>;
  if (!verdict) return <p className="text-sm text-zinc-500" role="status">{pending ? "Checking…" : "Fill in the request to see whether this key may make it."}</p>;
  return (
    <div role="status" className={`space-y-1 rounded-md border px-3 py-2 text-sm ${TONES[verdict.outcome]}`} data-testid="preflight" data-status={verdict.status}>
      <p className="font-semibold">
        Pre-flight: {TITLES[verdict.outcome]} — expect <span data-testid="preflight-status">{verdict.status}</span>
        {pending ? <span className="ml-2 font-normal opacity-70">(rechecking…)</span> : null}
      </p>
      <p>{verdict.summary}</p>
      {verdict.checks.length ? (
        <ul className="list-disc pl-5 text-xs">
          {verdict.checks.map((check) => (
            <li key={`${check.permission}:${check.on}`}>
              <code className="font-mono">{check.permission}</code> on {check.on}: {check.allowed ? "allowed" : "refused"} — {check.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
