import type { Metadata } from "next";
import { DangerZone } from "@/components/organizations/settings/danger-zone";
import { GeneralSection } from "@/components/organizations/settings/general-section";
import { RetentionSection } from "@/components/organizations/settings/retention-section";
import { TwoFactorSection } from "@/components/organizations/settings/two-factor-section";
import { requireDashboard } from "@/lib/auth/dashboard";
import { onOrganization } from "@/lib/services/access/plan";
import { getOrganization } from "@/lib/services/organizations/organization";
import { hasTwoFactor } from "@/lib/services/two-factor/status";

export const metadata: Metadata = { title: "Organization settings" };

// Organization settings (docs/dashboard.md#pages): one section component per concern, from
// components/organizations/settings/. Which controls appear is decided here with can()
// (authorize()); the API refuses the same things on its own.
export default async function OrganizationSettingsPage() {
  const { user, context, can, gate } = await requireDashboard();
  await gate(onOrganization("organization.read", "organization:read"));
  const settings = await getOrganization(context);
  return (
    <div className="max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Organization settings</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{settings.name}</p>
      </div>
      <GeneralSection id={settings.id} name={settings.name} canUpdate={can("organization:update")} />
      <TwoFactorSection canUpdate={can("organization:update")} selfHasTwoFactor={await hasTwoFactor(user.id)} />
      <RetentionSection retention={settings.history_retention} canUpdate={can("organization:update")} />
      <DangerZone name={settings.name} canDelete={can("organization:delete")} />
    </div>
  );
}
