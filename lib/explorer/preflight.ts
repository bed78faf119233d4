import "server-only";
import { authorize, type ResourcePath, type TokenPrincipal } from "@/lib/authz";
import type { EndpointInput } from "@/lib/api/endpoint";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { parseEndpointInput } from "@/lib/api/input";
import { isAppError } from "@/lib/errors";
import { judge, resolvePlan, type ResolvedPlan } from "@/lib/services/access/enforce";
import type { Check } from "@/lib/services/access/plan";
import type { CheckResult, Verdict } from "@/lib/schemas/explorer";
import type { KeyPrincipal } from "@/lib/services/tokens/key-principal";

// The API Explorer's pre-flight: would the API let this key make this call, and why? It follows the
// router's order (key status → organization → input → the endpoint's access plan) and judges the
// plan with the very functions the router enforces it with, with the key's stored grants.

export interface PreflightRequest {
  endpointId: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

const NOT_FOUND = "404 not found: the API answers exactly as for something that does not exist, so the key learns nothing about it.";

function verdict(outcome: Verdict["outcome"], status: number, summary: string, checks: CheckResult[] = []): Verdict {
  return { outcome, status, summary, checks };
}

export async function preflight(key: KeyPrincipal, request: PreflightRequest): Promise<Verdict> {
  const endpoint = ENDPOINTS.find((candidate) => candidate.id === request.endpointId);
  if (!endpoint) return verdict("invalid", 404, "There is no such endpoint.");
  if (endpoint.public) return verdict("allowed", 200, "A public endpoint: no key needed.");
  if (key.status === "revoked") return verdict("denied", 401, "401: this key was revoked; every request with it is refused.");
  if (key.status === "expired") return verdict("denied", 401, "401: this key has expired; every request with it is refused.");
  if (request.params.organization !== key.principal.organizationId) {
    return verdict("denied", 404, `${NOT_FOUND} This key belongs to another organization.`);
  }

  let input: EndpointInput<unknown, unknown, unknown>;
  try {
    // The router's own validation, so the verdict says what the API would answer.
    input = parseEndpointInput(endpoint, request);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "not_found") return verdict("denied", 404, `${NOT_FOUND} The path names something that cannot exist.`);
    const part = error.code === "invalid_request" ? "query string" : "body";
    return verdict("invalid", error.status, `${error.status}: the ${part} is not valid (${error.message}).`);
  }

  // The endpoint's own access plan, exactly as the router enforces it.
  const plan = endpoint.requires(input);
  if (plan.checks.length === 0) return verdict("allowed", endpoint.status ?? 200, "Any valid key of this organization may call this endpoint.");

  // Looked up as the key sees things: exactly what the API would look up for it.
  let resolved: ResolvedPlan;
  try {
    resolved = await resolvePlan(key.principal, plan);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return verdict("denied", 404, `${NOT_FOUND} It does not exist in this organization.`);
    if (isAppError(error)) return verdict("invalid", error.status, `${error.status}: ${error.message}`);
    throw error;
  }

  const results = plan.checks.map((check) => explain(key.principal, check, resolved.resources));
  const refused = results.find((result) => !result.allowed);
  if (!refused) {
    const listed = plan.checks.some((check) => check.listing);
    const note = listed ? " The list holds only what its scopes cover." : "";
    return verdict("allowed", endpoint.status ?? 200, `Allowed: this key holds ${results.map((r) => r.permission).join(" and ")} here.${note}`, results);
  }
  const status = refused.status ?? 403;
  return verdict("denied", status, status === 404 ? `${NOT_FOUND} This key may not see it.` : `${status}: ${refused.reason}`, results);
}

function explain(principal: TokenPrincipal, check: Check, resources: ResolvedPlan["resources"]): CheckResult {
  const decision = judge(principal, check, resources);
  const on = describe(resources[check.on]!);
  if (!decision.allowed) return { permission: check.permission, on, allowed: false, reason: decision.message, status: decision.status };
  if (check.otherwise && !authorize(principal, check.permission, resources[check.on]!).allowed) {
    const other = check.otherwise;
    return { permission: other.permission, on: describe(resources[other.on]!), allowed: true, reason: `Holds ${other.permission} on ${describe(resources[other.on]!)}, which allows this call too.` };
  }
  const scopedList = check.listing && !authorize(principal, check.permission, resources[check.on]!).allowed;
  if (scopedList) return { permission: check.permission, on, allowed: true, reason: `Holds ${check.permission} only with scopes: the list shows what they cover.` };
  return { permission: check.permission, on, allowed: true, reason: `Holds ${check.permission} on ${on}.` };
}

function describe(resource: ResourcePath): string {
  if (resource.environmentId) return "this environment";
  if (resource.targetId) return "this target";
  if (resource.projectId) return "this project";
  if (resource.teamId) return "this team";
  return "the organization";
}
