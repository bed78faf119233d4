import type { Metadata } from "next";
import { AccessRestricted } from "@/components/api-keys/access-restricted";
import { ApiKeyForm } from "@/components/api-keys/api-key-form";
import { ApiKeysHeader } from "@/components/api-keys/page-header";
import { requireDashboard } from "@/lib/auth/dashboard";
import { PERMISSIONS, roleIncludes } from "@/lib/authz";

export const metadata: Metadata = { title: "Create API key" };

// After creation the form turns into the shown-once token view in memory: a reload of this URL
// starts a new, empty form and never shows the token again.
export default async function CreateApiKeyPage() {
  const { can, organization } = await requireDashboard();
  if (!can("token:manage")) return <AccessRestricted />;
  return (
    <div className="max-w-4xl space-y-6">
      <ApiKeysHeader title="Create API key">Name it, choose when it expires, and grant only what the integration needs.</ApiKeysHeader>
      <ApiKeyForm held={PERMISSIONS.filter((permission) => roleIncludes(organization.role, permission))} />
    </div>
  );
}
