"use client";

import { useQuery } from "@tanstack/react-query";
import { useOrganization } from "@/components/dashboard/organization-context";
import { apiData, apiPath } from "@/lib/client/api";
import type { SecurityPolicyView } from "@/lib/schemas/two-factor";

/** GET /api/v1/{organization}/security-policy, shared by the settings page and the members page. */
export function useSecurityPolicy() {
  const organization = useOrganization();
  return useQuery({
    queryKey: ["security-policy", organization.id],
    queryFn: ({ signal }) => apiData<SecurityPolicyView>(apiPath(organization.id, "security-policy"), { signal }),
  });
}

export const formatUtc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
