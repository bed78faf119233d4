import { defineEndpoint, ok } from "@/lib/api/endpoint";
import { onOrganization } from "@/lib/services/access/plan";
import { orgParams } from "@/lib/schemas/api";
import { securityPolicyUpdateSchema } from "@/lib/schemas/two-factor";
import { getSecurityPolicy, updateSecurityPolicy } from "@/lib/services/two-factor/policy";

const ANSWER = "Answers {enforce_two_factor, grace_period_days, enforced_from, grace_ends_at}: members without 2FA lose access to the organization at grace_ends_at (API keys are never affected).";

export const securityPolicyEndpoints = [
  defineEndpoint({
    id: "organization.security_policy.read",
    method: "GET",
    path: "/{organization}/security-policy",
    tag: "Organization",
    summary: "The organization's security policy: two-factor enforcement and its grace period",
    description: ANSWER,
    requires: () => onOrganization("organization.security_policy.read", "organization:read"),
    params: orgParams,
    handle: async (context) => ok(await getSecurityPolicy(context)),
  }),
  defineEndpoint({
    id: "organization.security_policy.update",
    method: "PATCH",
    path: "/{organization}/security-policy",
    tag: "Organization",
    summary: "Require two-factor authentication of every member, after a grace period of 0–30 days",
    description: `Switching enforcement on starts the grace period; changing grace_period_days later moves every member's deadline (it counts from enforced_from). A person switching it on must have 2FA themselves (422 otherwise). ${ANSWER}`,
    requires: () => onOrganization("organization.security_policy.update", "organization:update"),
    params: orgParams,
    body: securityPolicyUpdateSchema,
    handle: async (context, { body }) => ok(await updateSecurityPolicy(context, body)),
  }),
];
