import { requirePendingSession } from "@/lib/auth/api-principal";
import { readJsonBody } from "@/lib/http/body";
import { jsonData, jsonError } from "@/lib/http/respond";
import { sendChallengeCode } from "@/lib/services/two-factor/challenge";

// POST {"method": "email" | "sms"} with a pending session's cookie (same-origin): sends a sign-in
// code to the person's address or number. docs/security.md#two-factor-authentication.
export async function POST(request: Request) {
  try {
    const session = await requirePendingSession(request);
    return noStore(jsonData(await sendChallengeCode(session, await readJsonBody(request, 1024))));
  } catch (error) {
    return noStore(jsonError(error));
  }
}

function noStore(response: Response): Response {
  response.headers.set("Cache-Control", "no-store");
  return response;
}
