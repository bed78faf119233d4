import type { Metadata } from "next";
import { AccessRestricted } from "@/components/api-keys/access-restricted";
import { ApiKeysHeader } from "@/components/api-keys/page-header";
import { ApiExplorer } from "@/components/explorer/api-explorer";
import { orNotFound, requireDashboard } from "@/lib/auth/dashboard";
import { blastRadius } from "@/lib/services/tokens/blast-radius";
import { endpointAvailability } from "@/lib/explorer/availability";
import { keyPrincipal } from "@/lib/services/tokens/key-principal";
import { getToken } from "@/lib/services/tokens/manage";

export const metadata: Metadata = { title: "API Explorer" };

export default async function ExplorePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { can, context, organization } = await requireDashboard();
  if (!can("token:manage")) return <AccessRestricted />;
  const apiKey = await orNotFound(getToken(context, token));
  const key = await keyPrincipal(context, token);
  const radius = await blastRadius(key.principal);
  return (
    <div className="space-y-6">
      <ApiKeysHeader title={`API Explorer — ${apiKey.name}`} crumbs={[{ href: `/dashboard/organizations/api-keys/${apiKey.id}`, label: apiKey.name }]}>
        Send real requests with this key from your browser and see, before each one, whether the key may make it and why.
      </ApiKeysHeader>
      <ApiExplorer
        keyId={apiKey.id}
        keyStatus={key.status}
        organizationId={organization.id}
        radius={radius}
        availability={endpointAvailability(key.principal)}
        grants={apiKey.permissions}
      />
    </div>
  );
}
