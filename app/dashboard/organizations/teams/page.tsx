import type { Metadata } from "next";
import { TeamsManager } from "@/components/teams/teams-manager";
import { requireDashboard } from "@/lib/auth/dashboard";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const { organization, can } = await requireDashboard();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Teams</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Groups of people in {organization.name}. Giving a team a project restricts that project to the teams that have it, for team-restricted roles
          (Developer, Member, API User); organization-wide roles still see it.
        </p>
      </div>
      <TeamsManager canCreate={can("team:create")} canRead={can("team:read")} />
    </div>
  );
}
