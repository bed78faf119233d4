import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { ServiceContext } from "@/lib/services/context";
import { authorize, type Permission, type ResourcePath, type Role, type UserPrincipal } from "@/lib/authz";
import { isAppError } from "@/lib/errors";
import { enforce, type Access } from "@/lib/services/access/enforce";
import type { AccessPlan } from "@/lib/services/access/plan";
import { currentRequestContext } from "@/lib/http/context";
import { getOrganizationsAndCurrent } from "./current-organization";
import { userPrincipal } from "../services/access/principal";
import { housekeepingTick } from "../services/tokens/housekeeping";
import { getCurrentUser, type CurrentUser } from "./session";

// What every organization page of the dashboard starts from: the signed-in user, the current
// organization, the user's Principal in it, and an ServiceContext so pages call the very services
// (and authorize()) that the API calls. `can` is how pages decide which controls to show; the
// API refuses the same things on its own when called.

export interface DashboardContext {
  user: CurrentUser;
  organization: { id: string; name: string; role: Role };
  principal: UserPrincipal;
  context: ServiceContext;
  can: (permission: Permission, resource?: Omit<ResourcePath, "organizationId">) => boolean;
  /** Enforces a use case's access plan, as the API does; missing or hidden renders the 404 page. */
  gate: (plan: AccessPlan) => Promise<Access>;
}

export const requireDashboard = cache(async (): Promise<DashboardContext> => {
  const user = await getCurrentUser();
  if (!user) redirect("/login?callbackUrl=/dashboard");
  // Time-driven work (grace periods, expiry reminders) rides on requests; at most once a minute.
  await housekeepingTick();
  const { current } = await getOrganizationsAndCurrent(user.id);
  if (!current) redirect("/dashboard");
  const principal = await userPrincipal(user.id, current.id);
  if (!principal) redirect("/dashboard");
  const request = await currentRequestContext();
  const context: ServiceContext = {
    principal,
    organizationId: current.id,
    path: `/${current.id}`,
    actor: { actorType: "USER", actorId: user.id, actorLabel: user.email, source: "DASHBOARD", ...request },
  };
  return {
    user,
    organization: { id: current.id, name: current.name, role: current.role },
    principal,
    context,
    can: (permission, resource = {}) => authorize(principal, permission, { ...resource, organizationId: current.id }).allowed,
    gate: (plan) => orNotFound(enforce(context, plan)),
  };
});

/** Runs a page's lookup; a missing or hidden resource renders the 404 page, as the API answers 404. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
