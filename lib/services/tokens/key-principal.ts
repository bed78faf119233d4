import "server-only";
import type { TokenPrincipal } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import { storedGrants } from "./authenticate";
import { notFound } from "@/lib/services/access/lookup";
import { getDb } from "@/lib/data/db";

// The Principal a real request with this key would get (lib/auth/api-principal.ts builds the same
// from the same stored grants), plus the key's status, which that file checks before any Principal
// exists (revoked or expired keys answer 401 whatever they ask).

export interface KeyPrincipal {
  principal: TokenPrincipal;
  status: "active" | "expired" | "revoked";
}

export async function keyPrincipal(context: ServiceContext, publicId: string): Promise<KeyPrincipal> {
  const db = await getDb();
  const row = await db.apiToken.findFirst({
    where: { organizationId: context.organizationId, publicId },
    select: { id: true, organizationId: true, permissions: true, expiresAt: true, revokedAt: true },
  });
  if (!row) throw notFound();
  const status = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= new Date() ? "expired" : "active";
  return { principal: { kind: "token", tokenId: row.id, organizationId: row.organizationId, grants: storedGrants(row.permissions) }, status };
}
