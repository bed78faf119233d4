import "server-only";
import { timingSafeEqual } from "node:crypto";
import { decode } from "next-auth/jwt";
import { grantSchema, type Grant, type TokenPrincipal, type UserPrincipal } from "@/lib/authz";
import type { Db } from "@/lib/data/client";
import { AppError } from "@/lib/errors";
import { hashApiToken } from "@/lib/services/tokens/credentials";
import { findActiveSession } from "@/lib/services/accounts/accounts";
import { isWellFormedApiToken } from "../services/tokens/token-format";
import { userPrincipal } from "../services/access/principal";
import { authSecret } from "./secret";

// Who is calling the API: a Bearer token, or (for the dashboard's own calls) a session cookie.
// Expiry and revocation are checked here, on every request, before any Principal exists.

export type Caller =
  | { kind: "token"; tokenId: string; publicId: string; name: string; organizationId: string; grants: Grant[] }
  | { kind: "user"; userId: string; email: string };

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
const LAST_USED_GRANULARITY_MS = 60_000;

export async function identifyCaller(db: Db, request: Request): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return identifyToken(db, authorization);
  return identifySessionUser(request);
}

async function identifyToken(db: Db, authorization: string): Promise<Caller> {
  const match = /^Bearer ([^\s]+)$/.exec(authorization.trim());
  // A malformed or mistyped token is refused without touching the database (SPEC §4.1).
  if (!match || !isWellFormedApiToken(match[1]!)) throw new AppError("invalid_token", "The API token is malformed.");
  const tokenHash = hashApiToken(match[1]!);
  const token = await db.apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, publicId: true, name: true, organizationId: true, tokenHash: true, permissions: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || !timingSafeEqual(Buffer.from(token.tokenHash), Buffer.from(tokenHash)) || token.revokedAt) {
    throw new AppError("invalid_token", "The API token is not valid: it may have been revoked or rotated.");
  }
  if (token.expiresAt && token.expiresAt <= new Date()) throw new AppError("token_expired", "The API token has expired.");
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() }, select: { id: true } });
  }
  return { kind: "token", tokenId: token.id, publicId: token.publicId, name: token.name, organizationId: token.organizationId, grants: storedGrants(token.permissions) };
}

/** Grants as stored; anything that no longer validates is dropped, never widened. */
export function storedGrants(value: unknown): Grant[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = grantSchema.safeParse(item);
    return parsed.success ? [parsed.data as Grant] : [];
  });
}

async function identifySessionUser(request: Request): Promise<Caller | null> {
  const cookies = parseCookies(request.headers.get("cookie"));
  const raw = SESSION_COOKIES.map((name) => cookies.get(name)).find(Boolean);
  if (!raw) return null;
  // Cookies ride along on cross-site requests: a change through the API needs a same-origin caller.
  if (!["GET", "HEAD"].includes(request.method) && !isSameOrigin(request)) return null;
  const token = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  const active = token?.sid ? await findActiveSession(token.sid) : null;
  return active ? { kind: "user", userId: active.user.id, email: active.user.email } : null;
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
