import { readJsonBody } from "@/lib/http/body";
import { requestContextFrom } from "@/lib/http/context";
import { jsonData, jsonError } from "@/lib/http/respond";
import { requestPasswordReset } from "@/lib/services/accounts/password-reset";

// POST {"email"}: emails a reset link when the address has an account. The answer is the same
// either way (docs/security.md#password-reset).
export async function POST(request: Request) {
  try {
    return jsonData(await requestPasswordReset(await readJsonBody(request, 4 * 1024), requestContextFrom(request.headers)));
  } catch (error) {
    return jsonError(error);
  }
}
