import "server-only";
import { notFound } from "next/navigation";
import { orNotFound, requireDashboard, type DashboardContext } from "@/lib/auth/dashboard";
import type { LevelPath } from "@/lib/client/levels";
import { findLevel, type LevelRef } from "@/lib/services/access/lookup";
import { listReadableProjects } from "@/lib/services/projects/projects";

// What the history and inheritance pages need to know about a level before rendering: that it
// exists and is visible (else the 404 page, as the API answers), its display names, custody, and
// which controls the user's permissions allow — all decided by authorize() through can().

export interface LevelPageData {
  path: LevelPath;
  project: { slug: string; name: string; custody: "server" | "client" };
  target?: { slug: string; name: string };
  environment?: { slug: string; name: string };
  /** For an environment: the environments of its target the user may see (the switcher). */
  siblings: string[];
  can: {
    read: boolean;
    /** Server-side decryption: secret:decrypt on a server-managed project. */
    decrypt: boolean;
    history: boolean;
    /** Listing versions (metadata: who, when, which names): secret:history, or audit:read (the Auditor). */
    versions: boolean;
    restore: boolean;
    purge: boolean;
  };
}

export async function loadLevelPage(path: LevelPath): Promise<LevelPageData> {
  const dashboard = await requireDashboard();
  const ref = await orNotFound(findLevel(dashboard.context, path));
  const resource = { ...ref.resource };
  // A project the user cannot see is answered like one that does not exist.
  if (!dashboard.can("project:read", resource)) notFound();
  const target = ref.target && { slug: ref.target.slug, name: ref.target.name };
  const environment = ref.environment && { slug: ref.environment.slug, name: ref.environment.name };
  const custody = ref.project.custody === "CLIENT" ? "client" : "server";
  const siblings = ref.environment ? await siblingEnvironments(dashboard, ref) : [];
  return {
    path,
    project: { slug: ref.project.slug, name: ref.project.name, custody },
    ...(target ? { target } : {}),
    ...(environment ? { environment } : {}),
    siblings,
    can: {
      read: dashboard.can("secret:read", resource),
      decrypt: custody === "server" && dashboard.can("secret:decrypt", resource),
      history: dashboard.can("secret:history", resource),
      versions: dashboard.can("secret:history", resource) || dashboard.can("audit:read"),
      restore: dashboard.can("secret:restore", resource),
      purge: dashboard.can("secret:purge", resource),
    },
  };
}

/** The environments of a target the user may see, in the order the project tree shows them. */
export async function siblingEnvironments(dashboard: DashboardContext, ref: LevelRef): Promise<string[]> {
  if (!ref.target) return [];
  const { organizationId: _organization, ...resource } = ref.resource;
  const project = (await listReadableProjects(dashboard.principal)).find((candidate) => candidate.id === ref.project.id);
  const target = project?.targets.find((candidate) => candidate.id === ref.target!.id);
  return (target?.environments ?? [])
    .filter((environment) => dashboard.can("environment:read", { ...resource, environmentId: environment.id }))
    .map((environment) => environment.slug);
}

/** `[[...level]]` segments → the level they name, or null for anything deeper than an environment. */
export function levelFromSegments(project: string, segments: string[] = []): LevelPath | null {
  if (segments.length > 2) return null;
  // Slugs never need decoding (docs/hierarchy.md#hierarchy allows [a-z0-9-] only); anything else simply is not found.
  const [target, environment] = segments;
  return { project, ...(target ? { target } : {}), ...(environment ? { environment } : {}) };
}
