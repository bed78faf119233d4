import type { Metadata } from "next";
import { Fragment } from "react";
import { Card } from "@/components/ui/card";
import { ROLE_DESCRIPTIONS, roleScope } from "@/components/members/roles";
import { requireDashboard } from "@/lib/auth/dashboard";
import { PERMISSION_GROUPS, ROLES, ROLE_LABELS, ROLE_MATRIX, describePermission } from "@/lib/authz";

export const metadata: Metadata = { title: "Roles" };

// Straight from lib/authz: the same ROLE_MATRIX authorize() decides with, so this page cannot
// drift from what the server enforces.
export default async function RolesPage() {
  const { organization } = await requireDashboard();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Roles</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          What each role may do in {organization.name}. Organization-wide roles see every project; team-restricted roles see projects open to
          everyone and those given to one of their teams. API keys carry their own permissions, never more than their creator&apos;s.
        </p>
      </div>

      <section aria-labelledby="role-summaries" className="space-y-3">
        <h2 id="role-summaries" className="text-lg font-semibold">
          The roles
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {ROLES.map((role) => (
            <li key={role}>
              <Card className="h-full p-4">
                <h3 className="font-medium">{ROLE_LABELS[role]}</h3>
                <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{ROLE_DESCRIPTIONS[role]}</p>
                <p className="mt-2 text-xs font-medium text-indigo-700 dark:text-indigo-300">{roleScope(role)}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="matrix-heading" className="space-y-3">
        <h2 id="matrix-heading" className="text-lg font-semibold">
          Permissions by role
        </h2>
        <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="min-w-full text-sm" aria-labelledby="matrix-heading" data-testid="role-matrix">
            <thead className="sticky top-0 bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  Permission
                </th>
                {ROLES.map((role) => (
                  <th key={role} scope="col" data-role={role} className="px-2 py-2 text-center font-medium whitespace-nowrap">
                    {ROLE_LABELS[role]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PERMISSION_GROUPS.map((group) => (
                <Fragment key={group.id}>
                  <tr className="bg-zinc-100/70 dark:bg-zinc-800/60">
                    <th scope="colgroup" colSpan={ROLES.length + 1} className="px-3 py-1.5 text-left text-xs font-semibold tracking-wide text-zinc-700 uppercase dark:text-zinc-300">
                      {group.label}
                    </th>
                  </tr>
                  {group.permissions.map((permission) => (
                    <tr key={permission} data-permission={permission} className="border-t border-zinc-200 dark:border-zinc-800">
                      <th scope="row" className="px-3 py-2 text-left font-normal">
                        <code className="font-mono text-xs">{permission}</code>
                        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{describePermission(permission)}</span>
                      </th>
                      {ROLES.map((role) => {
                        const granted = ROLE_MATRIX[role][permission];
                        return (
                          <td key={role} data-role={role} data-granted={granted} className="px-2 py-2 text-center">
                            <span aria-hidden="true" className={granted ? "font-semibold text-emerald-600 dark:text-emerald-400" : "text-zinc-400 dark:text-zinc-600"}>
                              {granted ? "✓" : "—"}
                            </span>
                            <span className="sr-only">{granted ? "Granted" : "Not granted"}</span>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
