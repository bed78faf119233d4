"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { apiPath } from "@/lib/client/api";
import { levelPages } from "@/lib/client/levels";
import { ProjectBreadcrumbs } from "./breadcrumbs";
import { CreateNodeForm } from "./create-node-form";
import { RotationOverdueBadge } from "@/components/keys/rotation-badge";
import { CustodyBadge } from "./custody-badge";
import { DeleteDialog, RenameDialog } from "./node-dialogs";
import type { EnvironmentNode, NodeInfo, NodeKind, ProjectOverviewData, TargetNode } from "./types";

// A project's overview: its targets and their environments, with a link to every level's secrets
// editor, history and (per environment) inheritance view. Create / rename / delete controls appear
// only where the server said the person may use them; the API checks again on every call.

const ENVIRONMENT_SUGGESTIONS = ["development", "staging", "production"];
const TARGET_SUGGESTIONS = ["backend", "web"];

type Action =
  | { type: "rename"; kind: NodeKind; node: NodeInfo; path: string; after: (renamed: { slug: string }) => void }
  | { type: "delete"; kind: NodeKind; node: NodeInfo; path: string; consequences: ReactNode[]; after: () => void };

const LINK = "rounded text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300";
const LINK_BUTTON =
  "inline-flex items-center justify-center gap-2 rounded-md border border-zinc-300 bg-white px-3.5 py-2 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";

export function ProjectOverview({ project }: { project: ProjectOverviewData }) {
  const organization = useOrganization();
  const router = useRouter();
  const [action, setAction] = useState<Action | null>(null);
  const close = () => setAction(null);

  const projectPath = apiPath(organization.id, "projects", project.slug);
  const targetPath = (target: string) => apiPath(organization.id, "projects", project.slug, "targets", target);
  const environmentPath = (target: string, environment: string) => apiPath(organization.id, "projects", project.slug, "targets", target, "environments", environment);
  const environmentCount = project.targets.reduce((sum, target) => sum + target.environments.length, 0);
  const refresh = () => {
    close();
    router.refresh();
  };

  const renameProject = () =>
    setAction({
      type: "rename", kind: "project", node: project, path: projectPath,
      after: (renamed) => {
        close();
        // The URL names the project by slug: follow a new one.
        if (renamed.slug !== project.slug) router.replace(levelPages.project(renamed.slug));
        router.refresh();
      },
    });
  const deleteProject = () =>
    setAction({
      type: "delete", kind: "project", node: project, path: projectPath,
      consequences: [
        `${count(project.targets.length, "target")} and ${count(environmentCount, "environment")}`,
        "every secret at every level, with its whole history",
        project.custody === "server" ? "the project's encryption keys held by the server" : "the project's key records (the passphrase will have nothing left to open)",
        "access for API keys, CLI configs and CI jobs that use it (they will get 404)",
      ],
      after: () => {
        close();
        router.push("/dashboard");
        router.refresh();
      },
    });

  return (
    <div className="space-y-8">
      <div className="space-y-4">
        <ProjectBreadcrumbs project={project} />
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 space-y-2">
            <h1 className="text-2xl font-semibold break-words">{project.name}</h1>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <code className="rounded bg-zinc-100 px-2 py-0.5 font-mono text-xs dark:bg-zinc-800" data-testid="project-slug">
                {project.slug}
              </code>
              <CopyButton value={project.slug} label="Copy project slug" />
              <CustodyBadge custody={project.custody} />
              {project.keyVersion ? <span className="text-xs text-zinc-500">Key version {project.keyVersion}</span> : null}
              {project.rotationOverdue ? <RotationOverdueBadge dueAt={project.rotationDueAt} /> : null}
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            <Link href={levelPages.secrets({ project: project.slug })} className={LINK_BUTTON}>
              Project-wide secrets
            </Link>
            <Link href={levelPages.history({ project: project.slug })} className={LINK_BUTTON}>
              History
            </Link>
            <Link href={levelPages.keys(project.slug)} className={LINK_BUTTON}>
              Keys
            </Link>
            {environmentCount > 0 ? (
              <Link href={levelPages.compare(project.slug)} className={LINK_BUTTON}>
                Compare environments
              </Link>
            ) : null}
            {project.can.update ? (
              <Button variant="secondary" onClick={renameProject} aria-label={`Rename project ${project.slug}`}>
                Rename
              </Button>
            ) : null}
          </div>
        </div>
        {project.custody === "client" && !project.keyConfigured ? (
          <Alert tone="info">
            This client-managed project has no key yet, so no secrets can be saved. Set one up with{" "}
            <code className="font-mono">POST /api/v1/{"{organization}"}/{project.slug}/keys/verification</code> or the CLI.
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby="targets-heading" className="space-y-4">
        <div>
          <h2 id="targets-heading" className="text-lg font-semibold">
            Targets and environments
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Secrets set on the project apply to every target; a target&apos;s apply to its environments. A more specific level overrides a
            name it shares with a broader one.
          </p>
        </div>

        {project.targets.length === 0 ? (
          <div className="rounded-lg border border-dashed border-zinc-300 px-6 py-8 text-center dark:border-zinc-700">
            <h3 className="font-semibold">No targets yet</h3>
            <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
              A target is one deployable part of the application, such as <code className="font-mono">backend</code> or{" "}
              <code className="font-mono">web</code>. Each target has environments such as staging and production.
              {project.can.createTarget ? "" : " You do not have permission to add targets."}
            </p>
          </div>
        ) : (
          <ul className="space-y-4" aria-label="Targets">
            {project.targets.map((target) => (
              <li key={target.id}>
                <TargetCard
                  projectSlug={project.slug}
                  target={target}
                  environmentsPath={apiPath(organization.id, "projects", project.slug, "targets", target.slug, "environments")}
                  onRename={() => setAction({ type: "rename", kind: "target", node: target, path: targetPath(target.slug), after: refresh })}
                  onDelete={() =>
                    setAction({
                      type: "delete", kind: "target", node: target, path: targetPath(target.slug),
                      consequences: [
                        target.environments.length
                          ? `its ${count(target.environments.length, "environment")}: ${target.environments.map((environment) => environment.slug).join(", ")}`
                          : "(it has no environments)",
                        "the target's secrets and every environment's secrets, with their history",
                      ],
                      after: refresh,
                    })
                  }
                  onRenameEnvironment={(environment) =>
                    setAction({ type: "rename", kind: "environment", node: environment, path: environmentPath(target.slug, environment.slug), after: refresh })
                  }
                  onDeleteEnvironment={(environment) =>
                    setAction({
                      type: "delete", kind: "environment", node: environment, path: environmentPath(target.slug, environment.slug),
                      consequences: [`the secrets of ${target.slug} / ${environment.slug}, with their history`, "access for API keys and CI jobs that read it"],
                      after: refresh,
                    })
                  }
                />
              </li>
            ))}
          </ul>
        )}

        {project.can.createTarget ? (
          <Card className="p-4">
            <h3 className="mb-2 text-sm font-semibold">Add a target</h3>
            <CreateNodeForm
              kind="target"
              path={apiPath(organization.id, "projects", project.slug, "targets")}
              parentLabel={project.slug}
              placeholder="backend"
              suggestions={project.targets.length === 0 ? TARGET_SUGGESTIONS : []}
            />
          </Card>
        ) : null}
      </section>

      {project.can.delete ? (
        <section aria-labelledby="danger-heading" className="rounded-lg border border-red-300 p-4 dark:border-red-900">
          <h2 id="danger-heading" className="font-semibold text-red-700 dark:text-red-400">
            Danger zone
          </h2>
          <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Delete this project with all its targets, environments, secrets, history and keys.</p>
            <Button variant="danger" onClick={deleteProject}>
              Delete project
            </Button>
          </div>
        </section>
      ) : null}

      {action?.type === "rename" ? (
        <RenameDialog kind={action.kind} node={action.node} path={action.path} open onClose={close} onRenamed={action.after} />
      ) : null}
      {action?.type === "delete" ? (
        <DeleteDialog kind={action.kind} node={action.node} path={action.path} consequences={action.consequences} open onClose={close} onDeleted={action.after} />
      ) : null}
    </div>
  );
}

function TargetCard({
  projectSlug,
  target,
  environmentsPath,
  onRename,
  onDelete,
  onRenameEnvironment,
  onDeleteEnvironment,
}: {
  projectSlug: string;
  target: TargetNode;
  environmentsPath: string;
  onRename: () => void;
  onDelete: () => void;
  onRenameEnvironment: (environment: EnvironmentNode) => void;
  onDeleteEnvironment: (environment: EnvironmentNode) => void;
}) {
  const [adding, setAdding] = useState(false);
  const headingId = `target-${target.id}`;
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 bg-zinc-50 px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900/60">
        <div className="min-w-0">
          <div className="flex flex-wrap items-baseline gap-2">
            <h3 id={headingId} className="font-semibold">
              {target.name}
            </h3>
            {target.name !== target.slug ? <code className="font-mono text-xs text-zinc-500">{target.slug}</code> : null}
          </div>
          <p className="text-xs text-zinc-500">Target · {count(target.environments.length, "environment")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <Link href={levelPages.secrets({ project: projectSlug, target: target.slug })} className={LINK} aria-label={`Secrets of target ${target.slug}`}>
            Target secrets
          </Link>
          <Link href={levelPages.history({ project: projectSlug, target: target.slug })} className={LINK} aria-label={`History of target ${target.slug}`}>
            History
          </Link>
          {target.can.update ? <SmallButton label={`Rename target ${target.slug}`} onClick={onRename}>Rename</SmallButton> : null}
          {target.can.delete ? <SmallButton label={`Delete target ${target.slug}`} onClick={onDelete} danger>Delete</SmallButton> : null}
        </div>
      </div>
      {target.environments.length === 0 ? (
        <p className="px-4 py-3 text-sm text-zinc-500">No environments yet.{target.can.createEnvironment ? " Add one below, such as staging or production." : ""}</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-labelledby={headingId}>
          {target.environments.map((environment) => (
            <li key={environment.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-2.5">
              <div className="min-w-0">
                <Link
                  href={levelPages.secrets({ project: projectSlug, target: target.slug, environment: environment.slug })}
                  className="font-medium hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-indigo-400"
                  aria-label={`${environment.name} secrets`}
                >
                  {environment.name}
                </Link>
                {environment.name !== environment.slug ? <code className="ml-2 font-mono text-xs text-zinc-500">{environment.slug}</code> : null}
              </div>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <Link href={levelPages.secrets({ project: projectSlug, target: target.slug, environment: environment.slug })} className={LINK} aria-label={`Secrets of ${target.slug} / ${environment.slug}`}>
                  Secrets
                </Link>
                <Link href={levelPages.effective({ project: projectSlug, target: target.slug, environment: environment.slug })} className={LINK} aria-label={`Inheritance of ${target.slug} / ${environment.slug}`}>
                  Inheritance
                </Link>
                <Link href={levelPages.history({ project: projectSlug, target: target.slug, environment: environment.slug })} className={LINK} aria-label={`History of ${target.slug} / ${environment.slug}`}>
                  History
                </Link>
                {environment.can.update ? (
                  <SmallButton label={`Rename environment ${environment.slug} of ${target.slug}`} onClick={() => onRenameEnvironment(environment)}>
                    Rename
                  </SmallButton>
                ) : null}
                {environment.can.delete ? (
                  <SmallButton label={`Delete environment ${environment.slug} of ${target.slug}`} onClick={() => onDeleteEnvironment(environment)} danger>
                    Delete
                  </SmallButton>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {target.can.createEnvironment ? (
        <div className="border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
          {adding || target.environments.length === 0 ? (
            <CreateNodeForm
              kind="environment"
              path={environmentsPath}
              parentLabel={target.slug}
              placeholder="staging"
              suggestions={ENVIRONMENT_SUGGESTIONS.filter((slug) => !target.environments.some((environment) => environment.slug === slug))}
              onDone={() => setAdding(false)}
            />
          ) : (
            <button type="button" onClick={() => setAdding(true)} className={`${LINK} text-sm`} aria-label={`Add environment to ${target.slug}`}>
              + Add environment
            </button>
          )}
        </div>
      ) : null}
    </Card>
  );
}

function SmallButton({ label, onClick, danger = false, children }: { label: string; onClick: () => void; danger?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      className={`rounded px-1.5 py-0.5 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800 ${
        danger ? "text-red-700 dark:text-red-400" : "text-zinc-700 dark:text-zinc-300"
      }`}
    >
      {children}
    </button>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
