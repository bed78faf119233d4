import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLogViewer } from "@/components/audit/audit-log-viewer";
import { EmptyState } from "@/components/ui/card";
import { requireDashboard } from "@/lib/auth/dashboard";
import { listReadableProjects } from "@/lib/services/projects/projects";

export const metadata: Metadata = { title: "Audit log" };

// The audit log viewer (docs/dashboard.md#pages). The page decides with can() (authorize()) whether
// to show it; the events, the export and the verification come from /api/v1, which checks again.
export default async function AuditLogPage() {
  const { organization, principal, can } = await requireDashboard();
  if (!can("audit:read")) {
    return (
      <EmptyState title="Access restricted">
        Reading the audit log needs the <code className="font-mono">audit:read</code> permission (Owners, Administrators and Auditors hold it).
      </EmptyState>
    );
  }
  // Slugs offered while typing a project, target or environment filter.
  const projects = (await listReadableProjects(principal)).map((project) => ({
    slug: project.slug,
    targets: project.targets.map((target) => ({ slug: target.slug, environments: target.environments.map((environment) => environment.slug) })),
  }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Every read and change in {organization.name}, allowed or refused, newest first. Events are chained by hash: verify that none was altered or removed.
        </p>
      </div>
      <Suspense fallback={<p role="status" className="text-sm text-zinc-600">Loading…</p>}>
        <AuditLogViewer suggestions={{ projects }} />
      </Suspense>
    </div>
  );
}
