"use server";

import { dashboardForAction } from "@/lib/auth/dashboard";
import { AppError } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { sealSecrets, type SealInput } from "@/lib/services/secrets/seal";

// The editor's save for server-managed projects: the server encrypts new values (docs/permissions.md#permission-catalog), so a
// Member who may write but not decrypt can still set values. sealSecrets enforces the access plan
// of POST secrets/store (secret:write) and stores through the same path.

export async function saveServerManagedSecrets(organizationId: string, input: SealInput): Promise<ActionResult<{ version: number }>> {
  return runAction(async () => {
    const { context } = await dashboardForAction();
    // The page was rendered for one organization; if the session has since switched to another,
    // refuse rather than write into the wrong one (a 404, as for any resource of another org).
    if (context.organizationId !== organizationId) throw new AppError("not_found", "The requested resource was not found.");
    return sealSecrets(context, input);
  });
}
