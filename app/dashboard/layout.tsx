import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";
import Link from "next/link";
import { CommandPalette } from "@/components/dashboard/command-palette";
import { DashboardNav } from "@/components/dashboard/nav";
import { NavigationMenu } from "@/components/dashboard/navigation-menu";
import { OrganizationProvider } from "@/components/dashboard/organization-context";
import { OrganizationSwitcher } from "@/components/dashboard/organization-switcher";
import { SignOutButton } from "@/components/dashboard/sign-out-button";
import { ProjectKeysProvider } from "@/components/secrets/project-keys";
import { getOrganizationsAndCurrent } from "@/lib/auth/current-organization";
import { paletteDestinations } from "@/app/dashboard/palette";
import { userPrincipal } from "@/lib/services/access/principal";
import { requireUser } from "@/lib/auth/session";
import { TwoFactorBanner } from "@/components/dashboard/two-factor-banner";
import { twoFactorStanding } from "@/lib/services/two-factor/standing";
import { authorize, type Permission } from "@/lib/authz";

const NAV_PERMISSIONS: Permission[] = ["audit:read"];

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // A session still waiting for its second factor goes to that step; no session, to sign in.
  const user = await requireUser();
  const { organizations, current } = await getOrganizationsAndCurrent(user.id);
  const standing = current ? await twoFactorStanding(user.id, current.id) : ({ state: "clear" } as const);
  // Past the grace period nothing of the organization shows, not even project names in the palette.
  const principal = current && standing.state !== "restricted" ? await userPrincipal(user.id, current.id) : null;
  const destinations = principal ? await paletteDestinations(principal) : [];
  // Sections of the navigation that need a permission (the pages check it again).
  const granted = principal ? NAV_PERMISSIONS.filter((permission) => authorize(principal, permission, { organizationId: principal.organizationId }).allowed) : [];

  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/dashboard" className="text-lg">
            <Logo />
          </Link>
          {organizations.length > 0 ? <OrganizationSwitcher organizations={organizations} currentId={current?.id ?? null} /> : null}
          <NavigationMenu>
            <DashboardNav hasOrganization={current !== null} granted={granted} />
          </NavigationMenu>
          <div className="ml-auto flex items-center gap-3">
            <CommandPalette destinations={destinations} />
            <span className="hidden max-w-64 truncate text-sm text-zinc-600 2xl:inline dark:text-zinc-400" title={user.email} data-testid="current-user">
              {user.email}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      {standing.state === "grace" ? (
        <TwoFactorBanner organizationName={standing.organizationName} graceEndsAt={standing.graceEndsAt.toISOString()} now={new Date().toISOString()} />
      ) : null}
      <main className="mx-auto max-w-6xl px-4 py-8">
        <OrganizationProvider organization={current ? { id: current.id, name: current.name, role: current.role } : null}>
          <ProjectKeysProvider>{children}</ProjectKeysProvider>
        </OrganizationProvider>
      </main>
    </div>
  );
}
