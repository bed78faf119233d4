import "server-only";
import { timingSafeEqual } from "node:crypto";
import { grantSchema, type Grant } from "@/lib/authz";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { AccessCache } from "../shared/access-cache";
import { hashApiToken } from "./credentials";
import { endGracePeriod } from "./grace";
import { isWellFormedApiToken } from "./token-format";

// Authenticating a Bearer token: its checksum first (a mistyped or made-up token is refused
// without touching the database), then the stored hash, revocation and expiry, on every request.
// A key rotated with a grace period answers to its previous token too, until the grace ends
// (./grace.ts); the first use after that records the end and is refused like any old token.

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
  id: string; publicId: string; name: string; organizationId: string; tokenHash: string; previousTokenHash: string | null;
  previousValidUntil: Date | null; grants: Grant[]; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null;
} | null>(["ApiToken", "Organization"]);

export async function authenticateApiToken(value: string): Promise<TokenCaller> {
  if (!isWellFormedApiToken(value)) throw new AppError("invalid_token", "The API token is malformed.");
  const tokenHash = hashApiToken(value);
  const db = await getDb();
  // Cached for a few seconds at most; a revocation, rotation or deletion drops it on every instance.
  const token = await tokenRows.get(tokenHash, async () => {
    const row = await db.apiToken.findFirst({
      where: { OR: [{ tokenHash }, { previousTokenHash: tokenHash }] },
      select: {
        id: true, publicId: true, name: true, organizationId: true, tokenHash: true, previousTokenHash: true, previousValidUntil: true,
        permissions: true, expiresAt: true, revokedAt: true, lastUsedAt: true,
      },
    });
    if (!row) return null;
    // Validated once per cache fill, not on every request (zod over the grants was ~1% of a read).
    const { permissions, ...rest } = row;
    return { ...rest, grants: storedGrants(permissions) };
  });
  const current = token !== null && sameHash(token.tokenHash, tokenHash);
  const previous = token !== null && !current && token.previousTokenHash !== null && sameHash(token.previousTokenHash, tokenHash);
  if (!token || (!current && !previous) || token.revokedAt) throw rotatedOrRevoked();
  if (previous && !(token.previousValidUntil && token.previousValidUntil > new Date())) {
    await db.$transaction((tx) => endGracePeriod(tx, token, "elapsed"));
    throw rotatedOrRevoked();
  }
  if (token.expiresAt && token.expiresAt <= new Date()) throw new AppError("token_expired", "The API token has expired.");
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    const now = new Date();
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now }, select: { id: true } });
    token.lastUsedAt = now;
  }
  return { kind: "token", tokenId: token.id, publicId: token.publicId, name: token.name, organizationId: token.organizationId, grants: token.grants };
}

const rotatedOrRevoked = () => new AppError("invalid_token", "The API token is not valid: it may have been revoked or rotated.");

function sameHash(stored: string, presented: string): boolean {
  return stored.length === presented.length && timingSafeEqual(Buffer.from(stored), Buffer.from(presented));
}

/** Grants as stored; anything that no longer validates is dropped, never widened. */
export function storedGrants(value: unknown): Grant[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = grantSchema.safeParse(item);
    return parsed.success ? [parsed.data as Grant] : [];
  });
}
