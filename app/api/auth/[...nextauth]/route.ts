import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { requestOrigin } from "@/lib/auth/redirect";
import { requestContextFrom } from "@/lib/http/context";
import { signInRefusal } from "@/lib/services/accounts/sign-in-limits";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, authOptions(requestOrigin(request.url, request.headers.get("host"))));
}

/**
 * Sign-in attempts beyond a limit are answered 429 with Retry-After before next-auth runs (next-auth
 * itself can only answer 401). The body keeps next-auth's shape — a `url` whose `error` is
 * RateLimited — so its client shows the right message.
 */
async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase().slice(0, 254);
    const refusal = await signInRefusal(email, requestContextFrom(request.headers).ip);
    if (refusal) {
      const url = new URL("/login?error=RateLimited", request.url).toString();
      return Response.json(
        { error: refusal.code, message: refusal.message, url },
        { status: 429, headers: { "Retry-After": String(refusal.retryAfter), "Cache-Control": "no-store" } },
      );
    }
  }
  return handler(request, context);
}

export { handler as GET, POST };
