import type { ApiKey } from "./types";

const TONES: Record<ApiKey["status"], string> = {
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200",
  expired: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  revoked: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};
const LABELS: Record<ApiKey["status"], string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

// The status in words as well as colour.
export function StatusBadge({ status }: { status: ApiKey["status"] }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${TONES[status]}`}>{LABELS[status]}</span>;
}

const DAY_MS = 86_400_000;

/** "Expires in 3 days" within a week of the expiry (when the reminder emails go out), in words and colour. */
export function ExpiryBadge({ expiresAt, status, now = new Date() }: { expiresAt: string | null; status: ApiKey["status"]; now?: Date }) {
  if (!expiresAt || status !== "active") return null;
  const left = new Date(expiresAt).getTime() - now.getTime();
  if (left <= 0 || left > 7 * DAY_MS) return null;
  const days = Math.ceil(left / DAY_MS);
  const urgent = left <= DAY_MS;
  return (
    <span
      data-testid="expiry-badge"
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${urgent ? "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100" : "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100"}`}
    >
      {urgent ? "Expires within a day" : `Expires in ${days} days`}
    </span>
  );
}
