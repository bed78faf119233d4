import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProjectBreadcrumbs } from "@/components/projects/breadcrumbs";
import { CustodyBadge, custodyOf } from "@/components/projects/custody-badge";
import { SecretsEditor } from "@/components/secrets/editor/secrets-editor";
import { LevelTabs } from "@/components/secrets/level-tabs";
import { ProjectKeyStatus } from "@/components/secrets/unlock";
import { EmptyState } from "@/components/ui/card";
import { orNotFound, requireDashboard } from "@/lib/auth/dashboard";
import type { LevelPath } from "@/lib/client/levels";
import { findLevel } from "@/lib/services/access/lookup";
import { listReadableProjects } from "@/lib/services/projects/projects";
import { siblingEnvironments } from "../../level-page";

export const metadata: Metadata = { title: "Secrets" };

// The secrets editor of a level: /secrets (project), /secrets/{target}, /secrets/{target}/{environment}.
// The level is looked up as the API looks it up (missing or hidden = 404), and what the person may
// do is decided here with the same authorize() — the API refuses the same things on its own.
export default async function SecretsPage({
  params, searchParams,
}: {
  params: Promise<{ project: string; level?: string[] }>;
  searchParams: Promise<{ name?: string | string[] }>;
}) {
  const { project, level: segments = [] } = await params;
  // ?name=NAME opens the editor at that name (links from the compare matrix and effective values).
  const requested = (await searchParams).name;
  const focusName = typeof requested === "string" && /^[A-Za-z_][A-Za-z0-9_]{0,255}$/.test(requested) ? requested : undefined;
  if (segments.length > 2) notFound();
  const dashboard = await requireDashboard();
  const { context, principal, can } = dashboard;
  const ref = await orNotFound(findLevel(context, { project, target: segments[0], environment: segments[1] }));
  const { organizationId: _organization, ...resource } = ref.resource;
  if (!can("project:read", resource)) notFound();

  const path: LevelPath = { project: ref.project.slug, ...(ref.target ? { target: ref.target.slug } : {}), ...(ref.environment ? { environment: ref.environment.slug } : {}) };
  const custody = custodyOf(ref.project.custody);
  const permissions = { write: can("secret:write", resource), decrypt: can("secret:decrypt", resource), history: can("secret:history", resource) };
  // The environments that inherit this level's values (those the person can see), so the editor can
  // say which ones a change reaches before it is saved.
  const tree = ref.level === "environment" ? undefined : (await listReadableProjects(principal)).find((candidate) => candidate.id === ref.project.id);
  const inheritedBy = (tree?.targets ?? [])
    .filter((target) => !ref.target || target.id === ref.target.id)
    .flatMap((target) =>
      target.environments
        .filter((environment) => can("environment:read", { ...resource, targetId: target.id, environmentId: environment.id }))
        .map((environment) => `${target.slug}/${environment.slug}`),
    );
  const levelName = ref.environment ? `environment ${ref.environment.slug}` : ref.target ? `target ${ref.target.slug}` : `project ${ref.project.name}`;

  return (
    <div className="space-y-6">
      <ProjectBreadcrumbs
        project={{ slug: ref.project.slug, name: ref.project.name }}
        target={ref.target ? { slug: ref.target.slug } : undefined}
        environment={ref.environment ? { slug: ref.environment.slug } : undefined}
        current="Secrets"
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
            Secrets <span className="font-mono text-lg text-zinc-500">{[ref.project.slug, ref.target?.slug, ref.environment?.slug].filter(Boolean).join("/")}</span>
            <CustodyBadge custody={custody} />
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The values stored at the {levelName}.{" "}
            {ref.level === "environment" ? "They override the target's and the project's values of the same name." : "More specific levels below inherit them unless they override a name."}
          </p>
        </div>
        {custody === "client" ? <ProjectKeyStatus project={ref.project.slug} projectName={ref.project.name} /> : null}
      </div>
      <LevelTabs path={path} current="secrets" canSeeHistory={permissions.history || can("audit:read")} siblings={ref.environment ? await siblingEnvironments(dashboard, ref) : []} />
      {can("secret:read", resource) ? (
        <SecretsEditor path={path} projectName={ref.project.name} custody={custody} permissions={permissions} inheritedBy={inheritedBy} focusName={focusName} />
      ) : (
        <EmptyState title="You don't have access to these secrets">Reading secrets needs the secret:read permission on this level.</EmptyState>
      )}
    </div>
  );
}
