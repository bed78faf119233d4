import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CreateOrganizationForm } from "@/components/dashboard/create-organization-form";
import { ProjectTree } from "@/components/dashboard/project-tree";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/card";
import { requireDashboard } from "@/lib/auth/dashboard";
import { getOrganizationsAndCurrent } from "@/lib/auth/current-organization";
import { getCurrentUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/authz";
import { listReadableProjects } from "@/lib/services/projects/projects";

export const metadata: Metadata = { title: "Projects" };

const NEW_PROJECT_CLASSES =
  "inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500";

export default async function DashboardPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const { current } = await getOrganizationsAndCurrent(user.id);

  if (!current) {
    return (
      <div className="mx-auto max-w-lg space-y-6">
        <div>
          <h1 className="text-2xl font-semibold">Welcome to DotEnv, {user.name}</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            Secrets live in an organization. Create one for your team; you will be its Owner and can invite others.
          </p>
        </div>
        <CreateOrganizationForm />
      </div>
    );
  }

  // Only now: requireDashboard sends people without an organization back here.
  const { principal, can } = await requireDashboard();
  const projects = await listReadableProjects(principal);
  const mayCreate = can("project:create");
  const newProject = mayCreate ? (
    <Link href="/dashboard/projects/new" className={NEW_PROJECT_CLASSES}>
      <span aria-hidden="true">+</span> New project
    </Link>
  ) : null;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{current.name}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Your role: <span className="font-medium">{ROLE_LABELS[current.role]}</span>
          </p>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">Organization ID</span>
          <code className="rounded bg-zinc-100 px-2 py-1 font-mono text-xs dark:bg-zinc-800" data-testid="organization-id">
            {current.id}
          </code>
          <CopyButton value={current.id} label="Copy organization ID" />
        </div>
      </div>
      <section aria-labelledby="projects-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="projects-heading" className="text-lg font-semibold">
              Projects
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Project → target → environment. Secrets set higher up are inherited below unless overridden.
            </p>
          </div>
          {projects.length > 0 ? newProject : null}
        </div>
        {projects.length === 0 ? (
          <EmptyState title="No projects yet" action={newProject}>
            A project holds your secrets for one application, split into targets (such as backend or web) and environments (such as
            staging or production).{" "}
            {mayCreate ? "Create the first one to start adding secrets." : "Projects you can read will appear here once someone with permission creates them or gives your team access."}
          </EmptyState>
        ) : (
          <ProjectTree projects={projects.map(({ id, slug, name, custody, targets, rotationOverdue }) => ({ id, slug, name, custody, targets, rotationOverdue }))} />
        )}
      </section>
    </div>
  );
}
