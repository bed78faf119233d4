import type { Metadata } from "next";
import { TwoFactorSection } from "@/components/organizations/settings/two-factor-section";
import { Alert } from "@/components/ui/alert";
import { requireDashboard } from "@/lib/auth/dashboard";
import { hasTwoFactor } from "@/lib/services/two-factor/status";

export const metadata: Metadata = { title: "Organization settings" };

// Thin on purpose: each setting is its own section component (components/organizations/settings/).
export default async function OrganizationSettingsPage() {
  const { user, organization, can } = await requireDashboard();
  return (
    <div className="max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Organization settings</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{organization.name}</p>
      </div>
      {can("organization:read") ? (
        <TwoFactorSection canUpdate={can("organization:update")} selfHasTwoFactor={await hasTwoFactor(user.id)} />
      ) : (
        <Alert tone="error">Access restricted: your role cannot see this organization&apos;s settings.</Alert>
      )}
    </div>
  );
}
