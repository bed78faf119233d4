import type { BlastRadius } from "@/lib/schemas/explorer";

const COLUMNS = [
  ["secret:read", "Read"],
  ["secret:decrypt", "Decrypt"],
  ["secret:write", "Write"],
] as const;

// Where this key reaches, each cell decided by authorize() on the server. Yes/No in words, not colour alone.
export function BlastRadiusPanel({ radius }: { radius: BlastRadius }) {
  return (
    <section aria-labelledby="radius-heading" className="space-y-2" data-testid="blast-radius">
      <h2 id="radius-heading" className="font-semibold">Blast radius</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {radius.rows.length === 0
          ? "This key can read, decrypt or write secrets nowhere."
          : `Secrets this key can reach (${radius.rows.length} level${radius.rows.length === 1 ? "" : "s"}; ${radius.untouched} other level${radius.untouched === 1 ? "" : "s"} out of reach).`}
      </p>
      {radius.rows.length > 0 ? (
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Levels this key can read, decrypt or write</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
              <tr>
                <th scope="col" className="py-1 pr-3">Level</th>
                {COLUMNS.map(([, label]) => <th key={label} scope="col" className="px-2 py-1">{label}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {radius.rows.map((row) => (
                <tr key={row.path}>
                  <td className="py-1 pr-3 font-mono text-xs">{row.path} <span className="font-sans text-zinc-500">({row.level})</span></td>
                  {COLUMNS.map(([permission, label]) => (
                    <td key={label} className={`px-2 py-1 ${row.allowed[permission] ? "font-medium text-emerald-700 dark:text-emerald-300" : "text-zinc-400"}`}>
                      {row.allowed[permission] ? "Yes" : "No"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="text-sm">
        Organization-wide:{" "}
        {radius.organizationWide.length ? radius.organizationWide.map((permission) => <code key={permission} className="mr-1 rounded bg-zinc-100 px-1 font-mono text-xs dark:bg-zinc-800">{permission}</code>) : "nothing beyond the hierarchy."}
      </p>
    </section>
  );
}
