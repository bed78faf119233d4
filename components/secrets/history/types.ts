// Shapes of the versions API (lib/services/secrets/versions.ts) as the browser receives them.

export interface VersionSummary {
  version: number;
  created_at: string;
  actor: { type: "user" | "token" | "anonymous" | "system"; id: string | null; label: string };
  source: "dashboard" | "api" | "cli" | "explorer";
  key_version: number;
  names: { added: string[]; removed: string[]; changed: string[] };
  current: boolean;
}

export interface VersionDetail extends VersionSummary {
  encrypted: boolean;
  secrets: Record<string, string>;
  tags: Record<string, string[]>;
}

export interface LevelPermissions {
  read: boolean;
  decrypt: boolean;
  history: boolean;
  restore: boolean;
  purge: boolean;
}

export const SOURCE_LABELS: Record<VersionSummary["source"], string> = {
  dashboard: "Dashboard",
  api: "API",
  cli: "CLI",
  explorer: "API Explorer",
};
