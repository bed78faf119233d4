import "server-only";
import { authorize, DENY_REASONS, type Permission, type ResourcePath } from "@/lib/authz";
import type { OrgContext } from "@/lib/api/context";
import type { Tx } from "@/lib/data/client";
import { AppError } from "@/lib/errors";
import { appendAuditEvent, recordAuditEvent } from "../audit/record";

// The two things every use case does around its work: ask authorize() (recording a refusal), and
// record what it did — a change in the same transaction, a read right after. A read whose record
// cannot be written fails with 503 (SPEC §9): nothing is handed out unaudited.

export async function requirePermission(context: OrgContext, permission: Permission, resource: ResourcePath, action: string): Promise<void> {
  const decision = authorize(context.principal, permission, resource);
  if (decision.allowed) return;
  await recordAuditEvent(context.db, context.actor, {
    organizationId: context.organizationId, action, resourcePath: context.path, outcome: "DENIED", status: decision.status,
    metadata: { permission, reason: decision.reason },
  });
  throw new AppError(DENY_REASONS[decision.reason].error, decision.message);
}

/**
 * For lists: refuses (and records) only a caller that holds `permission` nowhere on `resource`; a
 * caller holding it with narrower scopes may list, and each item is then kept if `isAllowed`.
 */
export async function requireListing(context: OrgContext, permission: Permission, resource: ResourcePath, action: string): Promise<void> {
  const decision = authorize(context.principal, permission, resource);
  if (decision.allowed || decision.reason === "out_of_scope") return;
  await requirePermission(context, permission, resource, action);
}

export function isAllowed(context: OrgContext, permission: Permission, resource: ResourcePath): boolean {
  return authorize(context.principal, permission, resource).allowed;
}

export async function auditRead(context: OrgContext, action: string, metadata: Record<string, unknown> = {}): Promise<void> {
  try {
    await recordAuditEvent(context.db, context.actor, {
      organizationId: context.organizationId, action, resourcePath: context.path, outcome: "SUCCESS", status: 200, metadata,
    });
  } catch {
    throw new AppError("unavailable", "The audit log cannot be written right now, so nothing was returned. Try again shortly.");
  }
}

export function auditChange(tx: Tx, context: OrgContext, action: string, status: number, metadata: Record<string, unknown> = {}): Promise<void> {
  return appendAuditEvent(tx, context.actor, {
    organizationId: context.organizationId, action, resourcePath: context.path, outcome: "SUCCESS", status, metadata,
  });
}
