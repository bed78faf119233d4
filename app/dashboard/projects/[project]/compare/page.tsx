import type { Metadata } from "next";
import { ProjectBreadcrumbs } from "@/components/projects/breadcrumbs";
import { CustodyBadge, custodyOf } from "@/components/projects/custody-badge";
import { CompareView } from "@/components/secrets/compare/compare-view";
import { ProjectKeyStatus } from "@/components/secrets/unlock";
import { EmptyState } from "@/components/ui/card";
import { requireDashboard } from "@/lib/auth/dashboard";
import { isAppError } from "@/lib/errors";
import { comparePlan } from "@/lib/services/secrets/compare";

export const metadata: Metadata = { title: "Compare environments" };

// Environment drift: the project's environments side by side (docs/dashboard.md#compare). The page
// enforces the same access plan as GET …/compare (hidden project = 404); the matrix itself comes
// from that endpoint.
export default async function ComparePage({ params }: { params: Promise<{ project: string }> }) {
  const { project: slug } = await params;
  const { gate } = await requireDashboard();
  let project;
  try {
    project = (await gate(comparePlan(slug))).level.project;
  } catch (error) {
    if (!isAppError(error) || error.code !== "insufficient_permissions") throw error;
    return <EmptyState title="You can't compare these environments">Comparing needs the secret:read permission on at least one environment of this project.</EmptyState>;
  }
  const custody = custodyOf(project.custody);
  return (
    <div className="space-y-6">
      <ProjectBreadcrumbs project={{ slug: project.slug, name: project.name }} current="Compare" />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
            Compare environments <CustodyBadge custody={custody} />
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Every name the environments of {project.name} receive, where each comes from, what is missing, and which values are equal — without showing any value.
          </p>
        </div>
        {custody === "client" ? <ProjectKeyStatus project={project.slug} projectName={project.name} /> : null}
      </div>
      <CompareView project={{ slug: project.slug, name: project.name }} custody={custody} />
    </div>
  );
}
