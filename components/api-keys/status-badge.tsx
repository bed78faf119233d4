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
