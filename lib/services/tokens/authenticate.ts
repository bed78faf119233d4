import "server-only";
import { timingSafeEqual } from "node:crypto";
import { grantSchema, type Grant } from "@/lib/authz";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { AccessCache } from "../shared/access-cache";
import { hashApiToken } from "./credentials";
import { isWellFormedApiToken } from "./token-format";

// Authenticating a Bearer token: its checksum first (a mistyped or made-up token is refused
// without touching the database), then the stored hash, revocation and expiry, on every request.

export interface TokenCaller {
  kind: "token";
  tokenId: string;
  publicId: string;
  name: string;
  organizationId: string;
  grants: Grant[];
}

const LAST_USED_GRANULARITY_MS = 60_000;

const tokenRows = new AccessCache<{
  id: string; publicId: string; name: string; organizationId: string; tokenHash: string; permissions: unknown;
  expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null;
} | null>(["ApiToken", "Organization"]);

export async function authenticateApiToken(value: string): Promise<TokenCaller> {
  if (!isWellFormedApiToken(value)) throw new AppError("invalid_token", "The API token is malformed.");
  const tokenHash = hashApiToken(value);
  const db = await getDb();
  // Cached for a few seconds at most; a revocation, rotation or deletion drops it on every instance.
  const token = await tokenRows.get(tokenHash, () =>
    db.apiToken.findUnique({
      where: { tokenHash },
      select: { id: true, publicId: true, name: true, organizationId: true, tokenHash: true, permissions: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
    }),
  );
  if (!token || !timingSafeEqual(Buffer.from(token.tokenHash), Buffer.from(tokenHash)) || token.revokedAt) {
    throw new AppError("invalid_token", "The API token is not valid: it may have been revoked or rotated.");
  }
  if (token.expiresAt && token.expiresAt <= new Date()) throw new AppError("token_expired", "The API token has expired.");
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    const now = new Date();
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now }, select: { id: true } });
    token.lastUsedAt = now;
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
