import type { Metadata } from "next";
import { AccessRestricted } from "@/components/api-keys/access-restricted";
import { ApiKeyDetail } from "@/components/api-keys/api-key-detail";
import { ApiKeysHeader } from "@/components/api-keys/page-header";
import type { ApiKey } from "@/components/api-keys/types";
import { orNotFound, requireDashboard } from "@/lib/auth/dashboard";
import { getToken } from "@/lib/services/tokens/manage";

export const metadata: Metadata = { title: "API key" };

export default async function ApiKeyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { can, context } = await requireDashboard();
  if (!can("token:manage")) return <AccessRestricted />;
  const apiKey = await orNotFound(getToken(context, token));
  return (
    <div className="max-w-4xl space-y-4">
      <ApiKeysHeader />
      <ApiKeyDetail apiKey={JSON.parse(JSON.stringify(apiKey)) as ApiKey} />
    </div>
  );
}
