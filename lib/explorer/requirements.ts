import type { Permission } from "@/lib/authz";

// What a call through the API asks authorize(), per endpoint: the endpoint's own declared
// permission (lib/api endpoint declarations, so it cannot drift) plus the extra checks a few use
// cases make depending on the input, and where in the hierarchy each check is asked. This mirrors
// lib/services; a change there that adds a check belongs here too (the e2e spec compares both).

export type CheckTarget =
  /** The deepest level named by the path or body (project / target / environment). */
  | "level"
  /** The project of that level (keys are per project). */
  | "project"
  /** The team named in the path. */
  | "team"
  | "organization";

export interface Check {
  permission: Permission;
  on: CheckTarget;
  /** Lists refuse only a caller that holds the permission nowhere; scoped holders see a filtered list. */
  listing?: boolean;
}

export interface CallInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

// Lists that filter by scope instead of refusing (lib/services requireListing).
const LISTINGS = new Set(["projects.list", "targets.list", "environments.list", "teams.list"]);
// POST endpoints naming the level in the body instead of the path.
const BODY_LEVEL = new Set(["secrets.retrieve", "secrets.store", "secrets.delete"]);

const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});

/** Where the level of this call is named: path params, the body, or nowhere (organization-level). */
export function levelSource(endpointId: string, params: Record<string, unknown>): "params" | "body" | null {
  if (BODY_LEVEL.has(endpointId)) return "body";
  return typeof params.project === "string" ? "params" : null;
}

export function requiredChecks(endpointId: string, permission: Permission | null, input: CallInput): Check[] {
  if (permission === null) return [];
  const source = levelSource(endpointId, input.params);
  const on: CheckTarget = source ? "level" : typeof input.params.team === "string" ? "team" : "organization";
  const body = record(input.body);

  if (endpointId === "secrets.retrieve") {
    if (body.action === "key:retrieve") return [{ permission: "key:retrieve", on: "project" }];
    const checks: Check[] = [{ permission: "secret:read", on }];
    return body.action === "decrypt" ? [...checks, { permission: "secret:decrypt", on }] : checks;
  }
  const checks: Check[] = [{ permission, on, ...(LISTINGS.has(endpointId) ? { listing: true } : {}) }];
  const decrypts = endpointId.startsWith("secrets.read.") || endpointId.startsWith("versions.read.");
  if (decrypts && input.query.decrypt === true) checks.push({ permission: "secret:decrypt", on });
  if (endpointId === "secrets.delete" && body.no_backup === true) checks.push({ permission: "secret:purge", on });
  return checks;
}
