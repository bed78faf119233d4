import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProjectOverview } from "@/components/projects/project-overview";
import { custodyOf } from "@/components/projects/custody-badge";
import type { ProjectOverviewData } from "@/components/projects/types";
import { requireDashboard } from "@/lib/auth/dashboard";
import { projectRotationStatus } from "@/lib/services/keys/policy";
import { getProject, listReadableProjects, projectPlan } from "@/lib/services/projects/projects";

export const metadata: Metadata = { title: "Project" };

// The project overview. The API's own read (its access plan, then getProject with its audit record;
// hidden = 404); what the person may change is decided here with the same authorize() and passed
// down as flags.
export default async function ProjectPage({ params }: { params: Promise<{ project: string }> }) {
  const { project: slug } = await params;
  const { context, principal, can, gate } = await requireDashboard();
  const ref = (await gate(projectPlan("read", slug))).level.project;
  const project = await getProject(context, ref);
  const rotation = await projectRotationStatus(ref.id);
  const tree = (await listReadableProjects(principal)).find((candidate) => candidate.id === project.id);
  if (!tree) notFound();

  const base = { projectId: ref.id, projectTeamIds: ref.teamIds };
  const data: ProjectOverviewData = {
    id: project.id,
    slug: project.slug,
    name: project.name,
    custody: custodyOf(project.custody as "server" | "client"),
    keyVersion: project.key_version,
    keyConfigured: project.key_configured,
    rotationOverdue: rotation.overdue,
    rotationDueAt: rotation.due_at,
    createdAt: project.created_at.toISOString(),
    can: { update: can("project:update", base), delete: can("project:delete", base), createTarget: can("target:create", base) },
    targets: tree.targets
      .filter((target) => can("target:read", { ...base, targetId: target.id }))
      .map((target) => {
        const at = { ...base, targetId: target.id };
        return {
          id: target.id,
          slug: target.slug,
          name: target.name,
          can: { update: can("target:update", at), delete: can("target:delete", at), createEnvironment: can("environment:create", at) },
          environments: target.environments
            .filter((environment) => can("environment:read", { ...at, environmentId: environment.id }))
            .map((environment) => {
              const here = { ...at, environmentId: environment.id };
              return { ...environment, can: { update: can("environment:update", here), delete: can("environment:delete", here) } };
            }),
        };
      }),
  };

  return <ProjectOverview project={data} />;
}
