"use server";

import { dashboardForAction } from "@/lib/auth/dashboard";
import { isAppError } from "@/lib/errors";
import { keyPrincipal } from "@/lib/services/tokens/key-principal";
import { preflight, type PreflightRequest } from "@/lib/explorer/preflight";
import type { Verdict } from "@/lib/schemas/explorer";

// The Explorer's pre-flight, on the server: only there are the key's stored grants and the
// hierarchy, and only authorize() may judge them. Managing keys (token:manage) is required to ask.
export async function runPreflight(publicId: string, request: PreflightRequest): Promise<Verdict | { error: string }> {
  try {
    const { can, context } = await dashboardForAction();
    if (!can("token:manage")) return { error: "Managing API keys needs token:manage." };
    return await preflight(await keyPrincipal(context, publicId), request);
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}
