import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import type { DeletionImpact } from "@/lib/schemas/organization";
import { auditRead } from "../access/guard";
import { appendAuditEvent } from "../audit/record";
import { forgetAccess } from "../shared/access-cache";

// Deleting an organization (docs/api.md#organization): everything in it goes — projects and their
// secrets, history and keys, members, invitations, teams, API keys, and its audit log, which the
// database lets go only through this very cascade (a trigger refuses any other deletion of audit
// events). The deletion itself cannot be recorded in the log it erases, so it is recorded in every
// other organization of the person who deleted it, and always in the server log.

/** Deleting an organization can take a while: its audit log alone may hold millions of events. */
const DELETION_TRANSACTION = { maxWait: 15_000, timeout: 10 * 60_000 };

interface ImpactRow {
  projects: bigint; targets: bigint; environments: bigint; secret_levels: bigint; versions: bigint;
  members: bigint; invitations: bigint; teams: bigint; api_keys: bigint; audit_events: bigint;
}

/** What deleting the organization would take with it. */
export async function deletionImpact(organizationId: string): Promise<DeletionImpact> {
  const db = await getDb();
  const [row] = await db.$queryRaw<ImpactRow[]>`
    SELECT
      (SELECT count(*) FROM "Project" WHERE "organizationId" = ${organizationId}) AS projects,
      (SELECT count(*) FROM "Target" t JOIN "Project" p ON p."id" = t."projectId" WHERE p."organizationId" = ${organizationId}) AS targets,
      (SELECT count(*) FROM "Environment" e JOIN "Target" t ON t."id" = e."targetId" JOIN "Project" p ON p."id" = t."projectId"
        WHERE p."organizationId" = ${organizationId}) AS environments,
      (SELECT count(*) FROM "SecretLevel" l JOIN "Project" p ON p."id" = l."projectId" WHERE p."organizationId" = ${organizationId}) AS secret_levels,
      (SELECT count(*) FROM "SecretVersion" v JOIN "SecretLevel" l ON l."id" = v."levelId" JOIN "Project" p ON p."id" = l."projectId"
        WHERE p."organizationId" = ${organizationId}) AS versions,
      (SELECT count(*) FROM "Membership" WHERE "organizationId" = ${organizationId}) AS members,
      (SELECT count(*) FROM "Invitation" WHERE "organizationId" = ${organizationId} AND "acceptedAt" IS NULL AND "revokedAt" IS NULL) AS invitations,
      (SELECT count(*) FROM "Team" WHERE "organizationId" = ${organizationId}) AS teams,
      (SELECT count(*) FROM "ApiToken" WHERE "organizationId" = ${organizationId} AND "revokedAt" IS NULL) AS api_keys,
      (SELECT count(*) FROM "AuditEvent" WHERE "chainKey" = ${organizationId}) AS audit_events`;
  return Object.fromEntries(Object.entries(row!).map(([name, count]) => [name, Number(count)])) as unknown as DeletionImpact;
}

/** `DELETE /{organization}?dry_run=true`: what would go, and nothing goes. The preview is recorded as a read. */
export async function previewOrganizationDeletion(context: ServiceContext) {
  const db = await getDb();
  const organization = await db.organization.findUniqueOrThrow({ where: { id: context.organizationId }, select: { id: true, name: true } });
  const impact = await deletionImpact(organization.id);
  await auditRead(context, "organization.delete.preview", { ...impact });
  return { organization, dry_run: true as const, will_delete: impact };
}

/** Deletes the organization once `confirm` repeats its name exactly; answers what was deleted. */
export async function deleteOrganization(context: ServiceContext, input: { confirm?: string }): Promise<DeletionImpact> {
  const db = await getDb();
  const organization = await db.organization.findUniqueOrThrow({ where: { id: context.organizationId }, select: { id: true, name: true } });
  if (input.confirm?.trim() !== organization.name) {
    throw new AppError("confirmation_required", `To delete this organization and everything in it, send its name exactly in "confirm": ${organization.name}.`);
  }
  const impact = await deletionImpact(organization.id);
  const elsewhere = context.principal.kind === "user"
    ? (await db.membership.findMany({ where: { userId: context.principal.userId, organizationId: { not: organization.id } }, select: { organizationId: true } }))
        .map((membership) => membership.organizationId)
    : [];
  const metadata = { organization_id: organization.id, name: organization.name, ...impact };
  await db.$transaction(async (tx) => {
    // Its keys' rate-limit counters first (they name the keys), then the organization: the cascade
    // removes every row of it, its audit events and checkpoints included, and then its chain's head.
    await tx.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "key" IN (SELECT 'api:token:' || "id" FROM "ApiToken" WHERE "organizationId" = ${organization.id})`;
    await tx.organization.delete({ where: { id: organization.id }, select: { id: true } });
    await tx.auditChainHead.deleteMany({ where: { chainKey: organization.id } });
    for (const organizationId of elsewhere) {
      await appendAuditEvent(tx, context.actor, {
        organizationId, action: "organization.delete", resourcePath: `/${organization.id}`, outcome: "SUCCESS", status: 204, metadata,
      });
    }
  }, DELETION_TRANSACTION);
  forgetAccess();
  // Names and counts only, like every audit record; one line a log collector can parse.
  console.info(`[dotenv] ${JSON.stringify({ event: "organization.delete", at: new Date().toISOString(), actor: context.actor.actorLabel, actor_type: context.actor.actorType.toLowerCase(), ip: context.actor.ip, ...metadata })}`);
  return impact;
}
