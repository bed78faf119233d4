import { requirePendingSession } from "@/lib/auth/api-principal";
import { readJsonBody } from "@/lib/http/body";
import { requestContextFrom } from "@/lib/http/context";
import { jsonData, jsonError } from "@/lib/http/respond";
import { completeChallenge } from "@/lib/services/two-factor/challenge";

// POST {"method": "totp" | "email" | "sms" | "recovery", "code"} with a pending session's cookie
// (same-origin): a correct code turns it into a full session. Wrong codes: 401, at most 5 per
// person per 15 minutes (then 429 with Retry-After), each audited.
export async function POST(request: Request) {
  try {
    const session = await requirePendingSession(request);
    const body = await readJsonBody(request, 1024);
    const actor = { actorType: "USER" as const, actorId: session.user.id, actorLabel: session.user.email, source: "DASHBOARD" as const, ...requestContextFrom(request.headers) };
    return noStore(jsonData({ status: "signed_in", ...(await completeChallenge(session, body, actor)) }));
  } catch (error) {
    return noStore(jsonError(error));
  }
}

function noStore(response: Response): Response {
  response.headers.set("Cache-Control", "no-store");
  return response;
}
