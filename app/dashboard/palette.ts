import "server-only";
import type { PaletteDestination } from "@/components/dashboard/command-palette";
import { authorize, type UserPrincipal } from "@/lib/authz";
import { levelLabel, levelPages } from "@/lib/client/levels";
import { listReadableProjects } from "@/lib/services/projects/projects";

// What the command palette offers: every level the user can read, and the commands their role
// allows. Computed on the server with authorize(), like every page.

export async function paletteDestinations(principal: UserPrincipal): Promise<PaletteDestination[]> {
  const organizationId = principal.organizationId;
  const allowed = (permission: Parameters<typeof authorize>[1]) => authorize(principal, permission, { organizationId }).allowed;
  const destinations: PaletteDestination[] = [];
  for (const project of await listReadableProjects(principal)) {
    destinations.push({ label: project.name, hint: "Project", href: levelPages.project(project.slug) });
    destinations.push({ label: `${project.slug} secrets`, hint: "Project level", href: levelPages.secrets({ project: project.slug }) });
    for (const target of project.targets) {
      const targetPath = { project: project.slug, target: target.slug };
      destinations.push({ label: levelLabel(targetPath), hint: "Target", href: levelPages.secrets(targetPath) });
      for (const environment of target.environments) {
        const path = { ...targetPath, environment: environment.slug };
        destinations.push({ label: levelLabel(path), hint: "Environment", href: levelPages.secrets(path) });
      }
    }
  }
  if (allowed("project:create")) destinations.push({ label: "New project", hint: "Create", href: "/dashboard/projects/new" });
  if (allowed("member:create")) destinations.push({ label: "Invite a member", hint: "Members", href: "/dashboard/organizations/members" });
  if (allowed("token:manage")) destinations.push({ label: "Create an API key", hint: "API keys", href: "/dashboard/organizations/api-keys/create" });
  if (allowed("audit:read")) destinations.push({ label: "Audit log", hint: "Audit", href: "/dashboard/organizations/audit" });
  destinations.push({ label: "Organization settings", hint: "Settings", href: "/dashboard/organizations/settings" });
  destinations.push({ label: "Roles and permissions", hint: "Roles", href: "/dashboard/organizations/roles" });
  destinations.push({ label: "Account settings", hint: "Account", href: "/dashboard/account" });
  return destinations;
}
