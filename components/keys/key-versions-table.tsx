import { exactTime, relativeTime } from "@/lib/client/relative-time";
import type { KeyVersionView } from "@/lib/schemas/keys";

// Every key version of a project, newest first: state, who holds it, when and by whom it was
// created, when it was rotated, and how many stored versions it still encrypts.

const CELL = "px-3 py-2 text-left align-top";

function When({ date, now }: { date: string | null; now: Date }) {
  if (!date) return <span className="text-zinc-400">—</span>;
  return (
    <time dateTime={date} title={exactTime(date)}>
      {relativeTime(date, now)}
    </time>
  );
}

export function KeyVersionsTable({ versions, now }: { versions: KeyVersionView[]; now: Date }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" aria-label="Key versions">
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900">
          <tr>
            {["Version", "State", "Held by", "Created", "Created by", "Rotated", "Encrypts"].map((heading) => (
              <th key={heading} scope="col" className={CELL}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {versions.map((version) => (
            <tr key={version.version} data-testid="key-version-row" data-version={version.version} data-state={version.state}>
              <td className={`${CELL} font-mono`}>v{version.version}</td>
              <td className={CELL}>
                {version.state === "active" ? (
                  <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">Active</span>
                ) : (
                  <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">Rotated</span>
                )}
              </td>
              <td className={CELL}>{version.custody === "server" ? "Server" : "Clients"}</td>
              <td className={CELL}>
                <When date={version.created_at} now={now} />
              </td>
              <td className={CELL}>{version.created_by?.label ?? <span className="text-zinc-400">—</span>}</td>
              <td className={CELL}>
                <When date={version.rotated_at} now={now} />
              </td>
              <td className={CELL}>
                {version.secret_versions} {version.secret_versions === 1 ? "version" : "versions"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
