import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { ROLE_LABELS, roleGrants } from "@/lib/authz";
import { grantView, loadScopeRows } from "../tokens/credentials";
import { auditRead } from "../access/guard";
import { getDb } from "@/lib/data/db";

export async function getOrganization(context: ServiceContext) {
  const db = await getDb();
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: context.organizationId },
    select: { id: true, name: true, createdAt: true, historyRetention: true },
  });
  await auditRead(context, "organization.read");
  return { id: organization.id, name: organization.name, created_at: organization.createdAt, history_retention: organization.historyRetention };
}

/** Any valid caller may ask who it is; a token sees its own grants, never its secret. */
export async function whoami(context: ServiceContext) {
  const db = await getDb();
  const { principal } = context;
  if (principal.kind === "token") {
    const token = await db.apiToken.findUniqueOrThrow({
      where: { id: principal.tokenId },
      select: { publicId: true, name: true, expiresAt: true, createdAt: true },
    });
    const scopeRows = await loadScopeRows(db, context.organizationId, principal.grants);
    await auditRead(context, "token.whoami");
    return {
      type: "token", id: token.publicId, name: token.name, organization_id: context.organizationId,
      permissions: principal.grants.map((grant) => grantView(grant, scopeRows)), expires_at: token.expiresAt, created_at: token.createdAt,
    };
  }
  await auditRead(context, "user.whoami");
  return {
    type: "user", id: principal.userId, name: context.actor.actorLabel, organization_id: context.organizationId,
    role: principal.role, role_label: ROLE_LABELS[principal.role], permissions: [...roleGrants(principal.role)].map((permission) => ({ permission })),
  };
}
