import { readJsonBody } from "@/lib/http/body";
import { requestContextFrom } from "@/lib/http/context";
import { jsonData, jsonError } from "@/lib/http/respond";
import { completePasswordReset } from "@/lib/services/accounts/password-reset";

// POST {"token", "password"}: the secret from the reset link's fragment (never a URL) and the new
// password. Signs every session out; the next sign-in still asks for the second factor.
export async function POST(request: Request) {
  try {
    return jsonData(await completePasswordReset(await readJsonBody(request, 4 * 1024), requestContextFrom(request.headers)));
  } catch (error) {
    return jsonError(error);
  }
}
