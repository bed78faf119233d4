"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/card";
import { apiPath, apiRequest, errorMessage } from "@/lib/client/api";
import { formatDate, formatDateTime, permissionSummary, relativeTime, scopeSummary } from "./describe";
import { ExpiryBadge, StatusBadge } from "./status-badge";
import type { ApiKey } from "./types";

export const apiKeysQueryKey = (organizationId: string) => ["api-keys", organizationId] as const;

const CREATE_CLASS = "inline-flex items-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500";

// The list shows what each key may do and where, never its value (the API never returns it here).
export function ApiKeyList() {
  const organization = useOrganization();
  const keys = useQuery({
    queryKey: apiKeysQueryKey(organization.id),
    queryFn: async () => (await apiRequest<ApiKey[]>(apiPath(organization.id, "tokens"), { query: { limit: 100 } })).data,
  });

  if (keys.isPending) return <p className="text-sm text-zinc-500" role="status">Loading API keys…</p>;
  if (keys.isError) return <Alert tone="error">Could not load API keys: {errorMessage(keys.error)}</Alert>;
  if (keys.data.length === 0) {
    return (
      <EmptyState title="No API keys yet" action={<Link href="/dashboard/organizations/api-keys/create" className={CREATE_CLASS}>Create an API key</Link>}>
        Give each CI pipeline, service or teammate&apos;s CLI its own key, with only the permissions and scopes it needs.
      </EmptyState>
    );
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <caption className="sr-only">API keys</caption>
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Permissions</th>
            <th scope="col" className="px-3 py-2">Scopes</th>
            <th scope="col" className="px-3 py-2">Expires</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Last used</th>
            <th scope="col" className="px-3 py-2">Created by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
          {keys.data.map((key) => (
            <tr key={key.id} data-testid="api-key-row">
              <td className="px-3 py-2">
                <Link href={`/dashboard/organizations/api-keys/${key.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {key.name}
                </Link>
                <div className="font-mono text-xs text-zinc-500">{key.id}</div>
              </td>
              <td className="px-3 py-2">{permissionSummary(key.permissions)}</td>
              <td className="px-3 py-2 text-xs">{scopeSummary(key.permissions).join(", ")}</td>
              <td className="px-3 py-2">
                {key.expires_at ? (
                  <time dateTime={key.expires_at} title={formatDateTime(key.expires_at)}>{formatDate(key.expires_at)}</time>
                ) : (
                  <span className="text-amber-700 dark:text-amber-300">Never</span>
                )}
                <div><ExpiryBadge expiresAt={key.expires_at} status={key.status} /></div>
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={key.status} />
                {key.previous_token_valid_until ? (
                  <div className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="grace-until">
                    old token until <time dateTime={key.previous_token_valid_until} title={formatDateTime(key.previous_token_valid_until)}>{formatDateTime(key.previous_token_valid_until)}</time>
                  </div>
                ) : null}
              </td>
              <td className="px-3 py-2">
                {key.last_used_at ? <time dateTime={key.last_used_at} title={formatDateTime(key.last_used_at)}>{relativeTime(key.last_used_at)}</time> : "Never"}
              </td>
              <td className="px-3 py-2">
                <div>{key.created_by?.email ?? "An API key"}</div>
                <time dateTime={key.created_at} className="text-xs text-zinc-500" title={formatDateTime(key.created_at)}>{formatDate(key.created_at)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
