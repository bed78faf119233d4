import type { Metadata } from "next";
import Link from "next/link";
import { AccessRestricted } from "@/components/api-keys/access-restricted";
import { ApiKeyList } from "@/components/api-keys/api-key-list";
import { requireDashboard } from "@/lib/auth/dashboard";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { can } = await requireDashboard();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">API keys</h1>
          <p className="mt-1 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
            Keys let the CLI, CI pipelines and services call the API for this organization. Give each integration its own least-privilege key with an expiry.
          </p>
        </div>
        {can("token:manage") ? (
          <Link href="/dashboard/organizations/api-keys/create" className="inline-flex items-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">
            Create API key
          </Link>
        ) : null}
      </div>
      {can("token:manage") ? <ApiKeyList /> : <AccessRestricted />}
    </div>
  );
}
