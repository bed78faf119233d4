import { NextResponse, type NextRequest } from "next/server";
import { pageSecurityHeaders } from "@/lib/http/security-headers";

// Runs before routing, on pages and on the API.
//
// Pages: a strict Content-Security-Policy with a fresh nonce per response. Scripts run only with the
// nonce ('strict-dynamic' lets Next.js's own chunks load the rest); the root layout reads the nonce
// from `x-nonce` for the theme boot script, and Next.js applies it to its framework scripts. HSTS
// whenever the public URL is https.
//
// API (/api/v1): methods no route handler can serve (TRACE, CONNECT, made-up ones) and paths with
// broken percent-encoding would otherwise reach Next.js's own plain-text error page; they get the
// API's JSON answer instead (docs/api.md#conventions: never a 500 for bad input, never HTML).

const API_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) return apiGate(request);
  return withPageHeaders(request);
}

function apiGate(request: NextRequest) {
  if (!API_METHODS.includes(request.method)) {
    return apiError(405, `Method ${request.method.slice(0, 16)} is not allowed; use ${API_METHODS.join(", ")}.`, { Allow: API_METHODS.join(", ") });
  }
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return apiError(400, "The URL is not valid.");
  }
  return NextResponse.next();
}

function apiError(status: 400 | 405, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: "invalid_request", message }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

function withPageHeaders(request: NextRequest) {
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
    "/api/v1/:path*",
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
