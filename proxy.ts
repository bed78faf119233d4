import { NextResponse, type NextRequest } from "next/server";

// Runs before routing. Next.js answers a path with broken percent-encoding (e.g. "%E0%A4%A") with
// a plain-text 500 while matching dynamic segments; the API must answer such input with its JSON
// 400 instead (docs/api.md#conventions: never a 500 for bad input, never an HTML page).
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json({ error: "invalid_request", message: "The URL is not valid." }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  return NextResponse.next();
}

export const config = { matcher: "/api/v1/:path*" };
