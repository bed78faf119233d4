import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccessRestricted } from "@/components/api-keys/access-restricted";
import { ApiKeyForm } from "@/components/api-keys/api-key-form";
import { ApiKeysHeader } from "@/components/api-keys/page-header";
import type { ApiKey } from "@/components/api-keys/types";
import { orNotFound, requireDashboard } from "@/lib/auth/dashboard";
import { PERMISSIONS, roleIncludes } from "@/lib/authz";
import { getToken } from "@/lib/services/tokens/manage";

export const metadata: Metadata = { title: "Edit API key" };

export default async function EditApiKeyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { can, context, organization } = await requireDashboard();
  if (!can("token:manage")) return <AccessRestricted />;
  const apiKey = JSON.parse(JSON.stringify(await orNotFound(getToken(context, token)))) as ApiKey;
  if (apiKey.status === "revoked") notFound();
  return (
    <div className="max-w-4xl space-y-6">
      <ApiKeysHeader title={`Edit “${apiKey.name}”`} crumbs={[{ href: `/dashboard/organizations/api-keys/${apiKey.id}`, label: apiKey.name }]}>
        Changes apply to the existing token at once; it keeps working.
      </ApiKeysHeader>
      <ApiKeyForm held={PERMISSIONS.filter((permission) => roleIncludes(organization.role, permission))} existing={apiKey} />
    </div>
  );
}
