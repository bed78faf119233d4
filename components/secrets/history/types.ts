import type { VersionSummary } from "@/lib/schemas/secrets";

// The versions API's objects: the shapes live with their zod schemas in lib/schemas/secrets.ts,
// checked against the use cases by lib/schemas/responses.db.test.ts.
export type { VersionDetail, VersionSummary } from "@/lib/schemas/secrets";

export interface LevelPermissions {
  read: boolean;
  decrypt: boolean;
  history: boolean;
  /** May list versions: secret:history, or audit:read for their metadata only. */
  versions: boolean;
  restore: boolean;
  purge: boolean;
}

export const SOURCE_LABELS: Record<VersionSummary["source"], string> = {
  dashboard: "Dashboard",
  api: "API",
  cli: "CLI",
  explorer: "API Explorer",
};
