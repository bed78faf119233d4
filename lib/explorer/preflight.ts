import "server-only";
import { authorize, DENY_REASONS, type Permission, type ResourcePath, type TokenPrincipal } from "@/lib/authz";
import type { OrgContext } from "@/lib/api/context";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { isAppError } from "@/lib/errors";
import { findLevel, notFound, projectResource } from "@/lib/services/projects/lookup";
import type { KeyPrincipal } from "../services/tokens/key-principal";
import { levelSource, requiredChecks, type Check } from "./requirements";

// The API Explorer's pre-flight: would the API let this key make this call, and why? It follows the
// router's order (key status → organization → input → hierarchy lookup → authorize()) and asks the
// very authorize() the use cases ask, with the key's stored grants.

export interface PreflightRequest {
  endpointId: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

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

const NOT_FOUND = "404 not found: the API answers exactly as for something that does not exist, so the key learns nothing about it.";

function verdict(outcome: Verdict["outcome"], status: number, summary: string, checks: CheckResult[] = []): Verdict {
  return { outcome, status, summary, checks };
}

export async function preflight(context: OrgContext, key: KeyPrincipal, request: PreflightRequest): Promise<Verdict> {
  const endpoint = ENDPOINTS.find((candidate) => candidate.id === request.endpointId);
  if (!endpoint) return verdict("invalid", 404, "There is no such endpoint.");
  if (endpoint.public) return verdict("allowed", 200, "A public endpoint: no key needed.");
  if (key.status === "revoked") return verdict("denied", 401, "401: this key was revoked; every request with it is refused.");
  if (key.status === "expired") return verdict("denied", 401, "401: this key has expired; every request with it is refused.");
  if (request.params.organization !== key.principal.organizationId) {
    return verdict("denied", 404, `${NOT_FOUND} This key belongs to another organization.`);
  }

  const params = endpoint.params.safeParse(request.params);
  if (!params.success) return verdict("denied", 404, `${NOT_FOUND} The path names something that cannot exist.`);
  const query = endpoint.query ? endpoint.query.safeParse(request.query) : { success: true as const, data: {} };
  if (!query.success) return verdict("invalid", 400, `400: the query string is not valid (${query.error.issues[0]?.message ?? "see the schema"}).`);
  const body = endpoint.body ? endpoint.body.safeParse(request.body ?? {}) : { success: true as const, data: undefined };
  if (!body.success) {
    const issue = body.error.issues[0];
    return verdict("invalid", 422, `422: the body is not valid (${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "see the schema"}).`);
  }

  const input = { params: params.data as Record<string, unknown>, query: query.data as Record<string, unknown>, body: body.data };
  const checks = requiredChecks(endpoint.id, endpoint.permission, input);
  if (checks.length === 0) return verdict("allowed", endpoint.status ?? 200, "Any valid key of this organization may call this endpoint.");

  // The key's own context: lookups see exactly what the API would look up for it.
  const keyContext: OrgContext = { ...context, principal: key.principal };
  let resources: Record<Check["on"], ResourcePath | null>;
  try {
    resources = await resolveResources(keyContext, endpoint.id, input);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return verdict("denied", 404, `${NOT_FOUND} It does not exist in this organization.`);
    if (isAppError(error)) return verdict("invalid", error.status, `${error.status}: ${error.message}`);
    throw error;
  }

  const results = checks.map((check) => judge(key.principal, check, resources[check.on]!));
  const refused = results.find((result) => !result.allowed);
  if (!refused) {
    const listed = checks.some((check) => check.listing);
    const note = listed ? " The list holds only what its scopes cover." : "";
    return verdict("allowed", endpoint.status ?? 200, `Allowed: this key holds ${results.map((r) => r.permission).join(" and ")} here.${note}`, results);
  }
  const status = refused.status ?? 403;
  return verdict("denied", status, status === 404 ? `${NOT_FOUND} This key may not see it.` : `${status}: ${refused.reason}`, results);
}

function judge(principal: TokenPrincipal, check: Check, resource: ResourcePath): CheckResult {
  const decision = authorize(principal, check.permission, resource);
  const on = describe(resource);
  if (decision.allowed) return { permission: check.permission, on, allowed: true, reason: `Holds ${check.permission} on ${on}.` };
  if (check.listing && decision.reason === "out_of_scope") {
    return { permission: check.permission, on, allowed: true, reason: `Holds ${check.permission} only with scopes: the list shows what they cover.` };
  }
  return { permission: check.permission, on, allowed: false, reason: decision.message, status: DENY_REASONS[decision.reason].status };
}

function describe(resource: ResourcePath): string {
  if (resource.environmentId) return "this environment";
  if (resource.targetId) return "this target";
  if (resource.projectId) return "this project";
  if (resource.teamId) return "this team";
  return "the organization";
}

async function resolveResources(context: OrgContext, endpointId: string, input: { params: Record<string, unknown>; body: unknown }) {
  const organization: ResourcePath = { organizationId: context.organizationId };
  const resources: Record<Check["on"], ResourcePath | null> = { organization, level: null, project: null, team: null };
  const source = levelSource(endpointId, input.params);
  if (source) {
    const named = (source === "params" ? input.params : (input.body as Record<string, unknown>)) as { project: string; target?: string | null; environment?: string | null };
    const level = await findLevel(context, { project: named.project, target: named.target ?? null, environment: named.environment ?? null });
    resources.level = level.resource;
    resources.project = projectResource(context.organizationId, level.project);
  }
  if (typeof input.params.team === "string") {
    const team = await context.db.team.findFirst({ where: { organizationId: context.organizationId, slug: input.params.team }, select: { id: true } });
    if (!team) throw notFound();
    resources.team = { organizationId: context.organizationId, teamId: team.id };
  }
  return resources;
}
