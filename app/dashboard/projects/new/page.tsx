import type { Metadata } from "next";
import Link from "next/link";
import { NewProjectForm } from "@/components/projects/new-project-form";
import { Alert } from "@/components/ui/alert";
import { requireDashboard } from "@/lib/auth/dashboard";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  const { can, organization } = await requireDashboard();

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex items-center gap-1 text-zinc-600 dark:text-zinc-400">
          <li>
            <Link href="/dashboard" className="hover:text-indigo-600 hover:underline dark:hover:text-indigo-400">
              Projects
            </Link>
          </li>
          <li aria-hidden="true" className="text-zinc-400">
            /
          </li>
          <li aria-current="page" className="font-medium text-zinc-900 dark:text-zinc-100">
            New project
          </li>
        </ol>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">New project</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          A project holds the secrets of one application in {organization.name}. After creating it, add targets (such as backend or web) and
          their environments (such as staging or production).
        </p>
      </div>
      {can("project:create") ? (
        <NewProjectForm />
      ) : (
        <Alert tone="info">
          Your role does not allow creating projects. Ask an Owner or Administrator of {organization.name} to create one, or to change your role.
        </Alert>
      )}
    </div>
  );
}
