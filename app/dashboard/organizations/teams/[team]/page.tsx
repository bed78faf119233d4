import type { Metadata } from "next";
import Link from "next/link";
import { TeamDetail } from "@/components/teams/team-detail";
import { requireDashboard } from "@/lib/auth/dashboard";
import { getTeam, teamPlan } from "@/lib/services/teams/teams";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { context, can, gate } = await requireDashboard();
  // A missing team, or one this person may not read, is the 404 page (as the API answers 404).
  const team = await getTeam(context, (await gate(teamPlan("read", decodeURIComponent(slug)))).team);
  const resource = { teamId: team.id };
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
        <Link href="/dashboard/organizations/teams" className="hover:underline">
          Teams
        </Link>{" "}
        / <span aria-current="page">{team.name}</span>
      </nav>
      <TeamDetail
        initial={JSON.parse(JSON.stringify(team))}
        permissions={{ update: can("team:update", resource), remove: can("team:delete", resource), readMembers: can("member:read"), readProjects: can("project:read") }}
      />
    </div>
  );
}
