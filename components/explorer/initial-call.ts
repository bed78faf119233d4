import type { GrantView } from "@/lib/schemas/tokens";

// The call the Explorer starts with after "Test it in the API Explorer": a read inside the key's
// own scope, so the first request a person sends is one the key may make. The deepest level a
// secret:read grant names; without one, whoami (which every key may call).

export interface InitialCall {
  endpointId: string;
  params: Record<string, string>;
}

export function initialCall(grants: readonly GrantView[], organizationId: string): InitialCall {
  const reads = grants.filter((grant) => grant.permission === "secret:read");
  const scoped = reads
    .map((grant) => grant.scope)
    .filter((scope): scope is { project: string; target?: string | null; environment?: string | null } => scope !== undefined && "project" in scope && scope.project !== null)
    .sort((a, b) => depth(b) - depth(a))[0];
  if (!scoped) return { endpointId: "organization.whoami", params: { organization: organizationId } };
  const params: Record<string, string> = { organization: organizationId, project: scoped.project };
  if (scoped.target) params.target = scoped.target;
  if (scoped.target && scoped.environment) params.environment = scoped.environment;
  const level = params.environment ? "environment" : params.target ? "target" : "project";
  return { endpointId: `secrets.read.${level}`, params };
}

const depth = (scope: { target?: string | null; environment?: string | null }) => (scope.environment ? 2 : scope.target ? 1 : 0);
