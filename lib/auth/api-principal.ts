import "server-only";
import type { TokenPrincipal, UserPrincipal } from "@/lib/authz";
import { userPrincipal } from "@/lib/services/access/principal";
import { authenticateApiToken, type TokenCaller } from "@/lib/services/tokens/authenticate";
import { AppError, twoFactorPending } from "@/lib/errors";
import { sessionFromCookies } from "./session-cookie";

// Who is calling the API: a Bearer token, or (for the dashboard's own calls) a session cookie.
// Expiry and revocation are checked on every request, before any Principal exists.

export type Caller = TokenCaller | { kind: "user"; userId: string; email: string };

export async function identifyCaller(request: Request): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer ([^\s]+)$/.exec(authorization.trim());
    if (!match) throw new AppError("invalid_token", "The API token is malformed.");
    return authenticateApiToken(match[1]!);
  }
  return identifySessionUser(request);
}

async function identifySessionUser(request: Request): Promise<Caller | null> {
  // Cookies ride along on cross-site requests: a change through the API needs a same-origin caller.
  const session = await cookieSession(request);
  if (!session) return null;
  // Waiting for its second factor: it may only complete it (401 two_factor_required, docs/api.md#error-codes).
  if (session.pending) throw twoFactorPending();
  return { kind: "user", userId: session.user.id, email: session.user.email };
}

/**
 * The session a request's cookie names, pending or not — for the routes that complete a sign-in
 * (/api/auth/two-factor/*). Changes need a same-origin request, as everywhere.
 */
export async function cookieSession(request: Request) {
  if (!["GET", "HEAD"].includes(request.method) && !isSameOrigin(request)) return null;
  const cookies = parseCookies(request.headers.get("cookie"));
  return sessionFromCookies((name) => cookies.get(name));
}

function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite === "same-origin";
  // Without Sec-Fetch-Site (older browsers, scripts): the Origin must name this very host.
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return cookies;
}

/** The caller as a principal of the organization in the URL; null when a user is not a member. */
export async function principalInOrganization(caller: Caller, organizationId: string): Promise<UserPrincipal | TokenPrincipal | null> {
  if (caller.kind === "token") {
    return { kind: "token", tokenId: caller.tokenId, organizationId: caller.organizationId, grants: caller.grants };
  }
  return userPrincipal(caller.userId, organizationId);
}

/** The session a second-factor route completes: live and still pending, else 401. */
export async function requirePendingSession(request: Request) {
  const session = await cookieSession(request);
  if (!session) throw new AppError("unauthenticated", "This sign-in has ended. Sign in again.");
  if (!session.pending) throw new AppError("already_exists", "This session has already passed its second factor.");
  return { sessionId: session.sessionId, user: { id: session.user.id, email: session.user.email } };
}
