import "server-only";
import { cookies } from "next/headers";
import { listOrganizationsForUser } from "@/lib/services/organizations/user-organizations";

// The dashboard's URLs carry no organization id (docs/dashboard.md#pages: /dashboard/organizations/api-keys…), so
// the organization being worked on is remembered in a cookie — and re-checked against the user's
// memberships on every request, so a stale or forged cookie only ever falls back.

export const CURRENT_ORGANIZATION_COOKIE = "dotenv_org";

export async function getOrganizationsAndCurrent(userId: string) {
  const organizations = await listOrganizationsForUser(userId);
  const wanted = (await cookies()).get(CURRENT_ORGANIZATION_COOKIE)?.value;
  const current = organizations.find((organization) => organization.id === wanted) ?? organizations[0] ?? null;
  return { organizations, current };
}

export async function rememberCurrentOrganization(organizationId: string): Promise<void> {
  (await cookies()).set(CURRENT_ORGANIZATION_COOKIE, organizationId, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
  });
}
