import "server-only";
import { authorizeListing, type TokenPrincipal } from "@/lib/authz";
import { documentedPermission } from "@/lib/api/endpoint";
import { ENDPOINTS } from "@/lib/api/endpoints";

/**
 * For the endpoint list: endpoints this key can never call, with authorize()'s reason (it lacks the
 * permission everywhere). Endpoints it holds only with scopes stay available; the pre-flight judges
 * the concrete call.
 */
export function endpointAvailability(principal: TokenPrincipal): Record<string, string> {
  const unavailable: Record<string, string> = {};
  for (const endpoint of ENDPOINTS) {
    const permission = documentedPermission(endpoint);
    if (endpoint.public || permission === null) continue;
    const decision = authorizeListing(principal, permission, principal.organizationId);
    if (!decision.allowed) unavailable[endpoint.id] = decision.message;
  }
  return unavailable;
}
