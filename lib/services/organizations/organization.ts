import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { ROLE_LABELS, roleGrants } from "@/lib/authz";
import { grantView, loadScopeRows } from "../tokens/credentials";
import type { HistoryRetention, OrganizationView, UpdateOrganizationInput } from "@/lib/schemas/organization";
import { auditedChange, auditRead } from "../access/guard";
import { getDb } from "@/lib/data/db";

const ORGANIZATION_SELECT = { id: true, name: true, createdAt: true, historyRetention: true, historyRetentionDays: true } as const;

interface OrganizationRow {
  id: string;
  name: string;
  createdAt: Date;
  historyRetention: number | null;
  historyRetentionDays: number | null;
}

/** The retention as the API shows it: only the limits that are set; null keeps every version. */
export function retentionView(row: Pick<OrganizationRow, "historyRetention" | "historyRetentionDays">): HistoryRetention | null {
  if (row.historyRetention === null && row.historyRetentionDays === null) return null;
  return { ...(row.historyRetention !== null ? { versions: row.historyRetention } : {}), ...(row.historyRetentionDays !== null ? { days: row.historyRetentionDays } : {}) };
}

function organizationView(row: OrganizationRow): OrganizationView {
  return { id: row.id, name: row.name, created_at: row.createdAt.toISOString(), history_retention: retentionView(row) };
}

export async function getOrganization(context: ServiceContext): Promise<OrganizationView> {
  const db = await getDb();
  const organization = await db.organization.findUniqueOrThrow({ where: { id: context.organizationId }, select: ORGANIZATION_SELECT });
  await auditRead(context, "organization.read");
  return organizationView(organization);
}

/**
 * Renames the organization and/or sets its history retention (docs/api.md#organization). A new
 * retention applies at each level's next write (lib/services/secrets/commit.ts prunes there).
 */
export async function updateOrganization(context: ServiceContext, input: UpdateOrganizationInput): Promise<OrganizationView> {
  const db = await getDb();
  const current = await db.organization.findUniqueOrThrow({ where: { id: context.organizationId }, select: ORGANIZATION_SELECT });
  const retention = input.history_retention === undefined ? undefined : {
    historyRetention: input.history_retention?.versions ?? null, historyRetentionDays: input.history_retention?.days ?? null,
  };
  const row = await auditedChange(
    context, "organization.update", 200,
    (tx) => tx.organization.update({ where: { id: current.id }, data: { name: input.name, ...retention }, select: ORGANIZATION_SELECT }),
    (updated) => ({
      ...(input.name !== undefined && input.name !== current.name ? { name: updated.name, previous_name: current.name } : {}),
      ...(retention ? { history_retention: retentionView(updated), previous_history_retention: retentionView(current) } : {}),
    }),
  );
  return organizationView(row);
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
