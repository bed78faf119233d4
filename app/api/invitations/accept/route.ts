import { identifyCaller } from "@/lib/auth/api-principal";
import { rememberCurrentOrganization } from "@/lib/auth/current-organization";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { requestContextFrom } from "@/lib/http/context";
import { jsonData, jsonError } from "@/lib/http/respond";
import { acceptInvitationSchema } from "@/lib/schemas/invitations";
import { acceptInvitation } from "@/lib/services/members/invitations";
import { parseInput } from "@/lib/schemas/parse";

// POST {"secret": "…"} with the invited person's session cookie (same-origin only, as for every
// change made with a cookie). Outside /api/v1 because it belongs to no organization yet: the
// secret decides which one. The secret arrives in the body, never in a URL, so no log sees it.

export async function POST(request: Request) {
  try {
    const caller = await identifyCaller(request).catch((error: unknown) => {
      if (error instanceof AppError) throw new AppError("unauthenticated", "An invitation is accepted by a person who is signed in, not with an API key.");
      throw error;
    });
    if (!caller) throw new AppError("unauthenticated", "Sign in (or create an account) with the invited email address, then open the link again.");
    if (caller.kind !== "user") throw new AppError("unauthenticated", "An invitation is accepted by a person who is signed in, not with an API key.");
    const body = await readJsonBody(request, 4 * 1024);
    const input = parseInput(acceptInvitationSchema, body);
    const actor = { actorType: "USER" as const, actorId: caller.userId, actorLabel: caller.email, source: "DASHBOARD" as const, ...requestContextFrom(request.headers) };
    const result = await acceptInvitation({ userId: caller.userId, email: caller.email }, actor, input);
    // The dashboard opens on the organization just joined.
    await rememberCurrentOrganization(result.organization.id);
    const response = jsonData(result);
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch (error) {
    return jsonError(error, { route: "POST /api/invitations/accept" });
  }
}
