import "server-only";
import { notFound } from "next/navigation";
import { orNotFound, requireDashboard } from "@/lib/auth/dashboard";
import type { LevelPath } from "@/lib/client/levels";
import { findLevel } from "@/lib/services/access/lookup";

// What the history and inheritance pages need to know about a level before rendering: that it
// exists and is visible (else the 404 page, as the API answers), its display names, custody, and
// which controls the user's permissions allow — all decided by authorize() through can().

export interface LevelPageData {
  path: LevelPath;
  project: { slug: string; name: string; custody: "server" | "client" };
  target?: { slug: string; name: string };
  environment?: { slug: string; name: string };
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
  return {
    path,
    project: { slug: ref.project.slug, name: ref.project.name, custody },
    ...(target ? { target } : {}),
    ...(environment ? { environment } : {}),
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

/** `[[...level]]` segments → the level they name, or null for anything deeper than an environment. */
export function levelFromSegments(project: string, segments: string[] = []): LevelPath | null {
  if (segments.length > 2) return null;
  // Slugs never need decoding (docs/hierarchy.md#hierarchy allows [a-z0-9-] only); anything else simply is not found.
  const [target, environment] = segments;
  return { project, ...(target ? { target } : {}), ...(environment ? { environment } : {}) };
}
