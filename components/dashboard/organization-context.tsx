"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Role } from "@/lib/authz";

// The current organization for client components (API paths are /api/v1/{organization.id}/…).
// Set once by the dashboard layout; what the user may do is decided per page on the server.

export interface CurrentOrganization {
  id: string;
  name: string;
  role: Role;
}

const OrganizationContext = createContext<CurrentOrganization | null>(null);

export function OrganizationProvider({ organization, children }: { organization: CurrentOrganization | null; children: ReactNode }) {
  return <OrganizationContext.Provider value={organization}>{children}</OrganizationContext.Provider>;
}

export function useOrganization(): CurrentOrganization {
  const organization = useContext(OrganizationContext);
  if (!organization) throw new Error("useOrganization is only available on organization pages of the dashboard");
  return organization;
}
