import type { Endpoint } from "./endpoint";
import { auditEndpoints } from "./endpoints/audit";
import { compareEndpoints } from "./endpoints/compare";
import { invitationsEndpoints } from "./endpoints/invitations";
import { keysEndpoints } from "./endpoints/keys";
import { membersEndpoints } from "./endpoints/members";
import { openApiEndpoint } from "./endpoints/meta";
import { organizationEndpoints } from "./endpoints/organization";
import { projectsEndpoints } from "./endpoints/projects";
import { secretsEndpoints } from "./endpoints/secrets";
import { securityPolicyEndpoints } from "./endpoints/security-policy";
import { teamsEndpoints } from "./endpoints/teams";
import { tokensEndpoints } from "./endpoints/tokens";
import { versionsEndpoints } from "./endpoints/versions";

// Every endpoint of /api/v1. The router, the OpenAPI document and the authorization matrix test
// read this list: an endpoint that is not here does not exist.
export const ENDPOINTS: readonly Endpoint[] = [
  openApiEndpoint(() => ENDPOINTS) as Endpoint,
  ...organizationEndpoints,
  ...secretsEndpoints,
  ...versionsEndpoints,
  ...keysEndpoints,
  ...projectsEndpoints,
  ...tokensEndpoints,
  ...membersEndpoints,
  ...invitationsEndpoints,
  ...teamsEndpoints,
  ...auditEndpoints,
  ...securityPolicyEndpoints,
  ...compareEndpoints,
] as Endpoint[];
