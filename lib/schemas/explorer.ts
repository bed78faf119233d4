import type { Permission } from "@/lib/authz";

// What the API Explorer's server side answers the browser: the pre-flight verdict on a call
// (lib/explorer/preflight.ts) and the key's blast radius (lib/services/tokens/blast-radius.ts).

export interface CheckResult {
  permission: Permission;
  on: string;
  allowed: boolean;
  reason: string;
  /** The status a refusal answers (403, or 404 when the key may not even see it). */
  status?: number;
}

export interface Verdict {
  outcome: "allowed" | "denied" | "invalid";
  /** The status the API is expected to answer. */
  status: number;
  summary: string;
  checks: CheckResult[];
}

export const RADIUS_PERMISSIONS = ["secret:read", "secret:decrypt", "secret:write"] as const satisfies readonly Permission[];
export type RadiusPermission = (typeof RADIUS_PERMISSIONS)[number];

export interface RadiusRow {
  level: "project" | "target" | "environment";
  /** project, project/target or project/target/environment (slugs). */
  path: string;
  allowed: Record<RadiusPermission, boolean>;
}

export interface BlastRadius {
  rows: RadiusRow[];
  /** Levels where the key may do none of the three. */
  untouched: number;
  /** Organization-wide powers beyond secrets (e.g. token:manage, member:delete), unscoped. */
  organizationWide: Permission[];
}
