import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { ServiceContext } from "@/lib/services/context";
import { authorize, type Permission, type ResourcePath, type Role, type UserPrincipal } from "@/lib/authz";
import { AppError, isAppError, twoFactorPending } from "@/lib/errors";
import { twoFactorRequiredError, twoFactorStanding } from "@/lib/services/two-factor/standing";
import { enforce, type Access } from "@/lib/services/access/enforce";
import type { AccessPlan } from "@/lib/services/access/plan";
import { currentRequestContext } from "@/lib/http/context";
import { getOrganizationsAndCurrent } from "./current-organization";
import { userPrincipal } from "../services/access/principal";
import { housekeepingTick } from "../services/tokens/housekeeping";
import { getSessionState, type CurrentUser } from "./session";

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

type Problem = "signed_out" | "pending" | "no_organization" | "two_factor_required";

/**
 * Builds the context, or names what stands in the way. An organization that enforces 2FA is out of
 * reach once a member's grace period is over (docs/security.md#two-factor-authentication).
 */
const loadDashboard = cache(async (): Promise<DashboardContext | { problem: Problem; organizationName?: string }> => {
  const session = await getSessionState();
  if (session.kind !== "active") return { problem: session.kind === "pending" ? "pending" : "signed_out" };
  const { user } = session;
  // Time-driven work (grace periods, expiry reminders) rides on requests; at most once a minute.
  await housekeepingTick();
  const { current } = await getOrganizationsAndCurrent(user.id);
  if (!current) return { problem: "no_organization" };
  const principal = await userPrincipal(user.id, current.id);
  if (!principal) return { problem: "no_organization" };
  const standing = await twoFactorStanding(user.id, current.id);
  if (standing.state === "restricted") return { problem: "two_factor_required", organizationName: standing.organizationName };
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

/** For pages: the context, or a redirect (sign in, the second factor, the 2FA-required screen). */
export async function requireDashboard(): Promise<DashboardContext> {
  const loaded = await loadDashboard();
  if (!("problem" in loaded)) return loaded;
  if (loaded.problem === "signed_out") redirect("/login?callbackUrl=/dashboard");
  if (loaded.problem === "pending") redirect("/login/two-factor?callbackUrl=/dashboard");
  if (loaded.problem === "two_factor_required") redirect("/dashboard/two-factor-required");
  redirect("/dashboard");
}

/** For server actions: the same context, or the AppError a caller of the API would get. */
export async function dashboardForAction(): Promise<DashboardContext> {
  const loaded = await loadDashboard();
  if (!("problem" in loaded)) return loaded;
  if (loaded.problem === "signed_out") throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  if (loaded.problem === "pending") throw twoFactorPending();
  if (loaded.problem === "two_factor_required") throw twoFactorRequiredError(loaded.organizationName ?? "This organization");
  throw new AppError("not_found", "The requested resource was not found.");
}

/** Runs a page's lookup; a missing or hidden resource renders the 404 page, as the API answers 404. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
