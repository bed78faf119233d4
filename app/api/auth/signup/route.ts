import { readJsonBody } from "@/lib/http/body";
import { requestContextFrom } from "@/lib/http/context";
import { jsonData, jsonError } from "@/lib/http/respond";
import { signUp } from "@/lib/services/accounts/accounts";

export async function POST(request: Request) {
  try {
    const user = await signUp(await readJsonBody(request, 16 * 1024), requestContextFrom(request.headers));
    return jsonData(user, { status: 201 });
  } catch (error) {
    return jsonError(error, { route: "POST /api/auth/signup" });
  }
}
