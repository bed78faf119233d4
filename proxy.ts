import { NextResponse, type NextRequest } from "next/server";
import { pageSecurityHeaders } from "@/lib/http/security-headers";

// Runs before routing, on pages: a strict Content-Security-Policy with a fresh nonce per response.
// Scripts run only with the nonce ('strict-dynamic' lets Next.js's own chunks load the rest); the
// root layout reads the nonce from `x-nonce` for the theme boot script, and Next.js applies it to
// its framework scripts. HSTS whenever the public URL is https.
//
// Not on the API: what the API answers before routing (methods no handler serves, broken
// percent-encoding) is decided at the HTTP server (lib/http/server-hooks.ts), where it costs
// nothing; a proxy run would cost every API request about half a millisecond.

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const headers = pageSecurityHeaders(nonce, process.env);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Pages: everything but static files and the prefetches of next/link (RSC payloads, not documents).
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon|apple-icon|apple-touch-icon|site.webmanifest|robots.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
