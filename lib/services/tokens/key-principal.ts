import "server-only";
import type { TokenPrincipal } from "@/lib/authz";
import type { OrgContext } from "@/lib/api/context";
import { storedGrants } from "@/lib/auth/api-principal";
import { notFound } from "@/lib/services/projects/lookup";

// The Principal a real request with this key would get (lib/auth/api-principal.ts builds the same
// from the same stored grants), plus the key's status, which that file checks before any Principal
// exists (revoked or expired keys answer 401 whatever they ask).

export interface KeyPrincipal {
  principal: TokenPrincipal;
  status: "active" | "expired" | "revoked";
}

export async function keyPrincipal(context: OrgContext, publicId: string): Promise<KeyPrincipal> {
  const row = await context.db.apiToken.findFirst({
    where: { organizationId: context.organizationId, publicId },
    select: { id: true, organizationId: true, permissions: true, expiresAt: true, revokedAt: true },
  });
  if (!row) throw notFound();
  const status = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= new Date() ? "expired" : "active";
  return { principal: { kind: "token", tokenId: row.id, organizationId: row.organizationId, grants: storedGrants(row.permissions) }, status };
}
