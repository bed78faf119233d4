import "server-only";
import { authorize, DENY_REASONS, type Decision, type Permission, type ResourcePath } from "@/lib/authz";
import type { RawTx, Tx } from "@/lib/data/client";
import { AppError } from "@/lib/errors";
import { appendAuditEvent, recordAuditEvent, type AuditEntry } from "../audit/record";
import type { ServiceContext } from "../context";
import { getDb } from "@/lib/data/db";

// Around every use case: a refusal is recorded before it is answered; what a use case did is
// recorded too — a change in the same transaction, a read right after. A read whose record cannot
// be written fails with 503 (docs/security.md#guarantees): nothing is handed out unaudited. The gate itself is the
// access plan (./enforce.ts); requirePermission is for checks that depend on stored data.

export async function requirePermission(context: ServiceContext, permission: Permission, resource: ResourcePath, action: string): Promise<void> {
  const decision = authorize(context.principal, permission, resource);
  if (!decision.allowed) await refuse(context, action, permission, decision);
}

/**
 * Records a refusal under `action` and throws it as the API error its reason calls for. `about`
 * names what was asked for (project, target, environment slugs), so refusals can be found by project.
 */
export async function refuse(
  context: ServiceContext, action: string, permission: Permission, decision: Decision & { allowed: false }, about: Record<string, string> = {},
): Promise<never> {
  await recordAuditEvent(context.actor, {
    organizationId: context.organizationId, action, resourcePath: context.path, outcome: "DENIED", status: decision.status,
    metadata: { ...about, permission, reason: decision.reason },
  });
  throw new AppError(DENY_REASONS[decision.reason].error, decision.message);
}

export function isAllowed(context: ServiceContext, permission: Permission, resource: ResourcePath): boolean {
  return authorize(context.principal, permission, resource).allowed;
}

export async function auditRead(context: ServiceContext, action: string, metadata: Record<string, unknown> = {}): Promise<void> {
  try {
    await recordAuditEvent(context.actor, {
      organizationId: context.organizationId, action, resourcePath: context.path, outcome: "SUCCESS", status: 200, metadata,
    });
  } catch {
    throw new AppError("unavailable", "The audit log cannot be written right now, so nothing was returned. Try again shortly.");
  }
}

export function auditChange(tx: RawTx, context: ServiceContext, action: string, status: number, metadata: Record<string, unknown> = {}): Promise<void> {
  const { actor, entry } = changeEvent(context, action, status, metadata);
  return appendAuditEvent(tx, actor, entry);
}

/** The audit event of a successful change: what auditChange records (a batch of changes, appendAuditEvents). */
export function changeEvent(context: ServiceContext, action: string, status: number, metadata: Record<string, unknown> = {}) {
  const entry: AuditEntry = { organizationId: context.organizationId, action, resourcePath: context.path, outcome: "SUCCESS", status, metadata };
  return { actor: context.actor, entry };
}

/** A change and its audit event in one transaction: both commit, or neither. */
export async function auditedChange<T>(
  context: ServiceContext, action: string, status: number, change: (tx: Tx) => Promise<T>, metadata: (result: T) => Record<string, unknown>,
): Promise<T> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const result = await change(tx);
    await auditChange(tx, context, action, status, metadata(result));
    return result;
  });
}
