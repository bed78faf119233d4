"use server";

import { revalidatePath } from "next/cache";
import { rememberCurrentOrganization } from "@/lib/auth/current-organization";
import { userPrincipal } from "@/lib/services/access/principal";
import { authorize } from "@/lib/authz";
import { AppError } from "@/lib/errors";
import { runAction } from "@/lib/actions/run-action";
import { revokeAllSessions } from "@/lib/services/accounts/accounts";
import { createOrganization } from "@/lib/services/organizations/user-organizations";

export async function createOrganizationAction(input: unknown) {
  return runAction(async (user, context) => {
    const organization = await createOrganization(user, input, context);
    await rememberCurrentOrganization(organization.id);
    revalidatePath("/dashboard", "layout");
    return organization;
  });
}

export async function switchOrganizationAction(organizationId: unknown) {
  return runAction(async (user) => {
    const id = typeof organizationId === "string" ? organizationId : "";
    const principal = id ? await userPrincipal(user.id, id) : null;
    if (!principal || !authorize(principal, "organization:read", { organizationId: id }).allowed) {
      throw new AppError("not_found", "That organization was not found.");
    }
    await rememberCurrentOrganization(id);
    revalidatePath("/dashboard", "layout");
    return { id };
  });
}

export async function signOutEverywhereAction() {
  return runAction(async (user, context) => ({ revoked: await revokeAllSessions(user.id, context) }));
}
