import "server-only";
import { grantsWithin, type Grant } from "@/lib/authz";
import type { ServiceContext } from "@/lib/services/context";
import { storedGrants } from "./authenticate";
import { AppError } from "@/lib/errors";
import { ROTATION_GRACE_PERIODS, type CreateTokenInput, type RotationGrace, type UpdateTokenInput } from "@/lib/schemas/tokens";
import { endGracePeriod } from "./grace";
import { runTokenHousekeeping } from "./housekeeping";
import {
  grantsFromSlugs, grantView, issueApiToken, loadScopeRows, rotateApiTokenValue, scopeResolver, UNKNOWN_SCOPE_MESSAGE, type ScopeRows,
} from "./credentials";
import { recordAuditEvent } from "../audit/record";
import { auditChange, auditRead } from "../access/guard";
import { notFound } from "../access/lookup";
import { pageArgs, pageOf } from "../shared/pagination";
import { getDb } from "@/lib/data/db";
import { forgetAccess } from "../shared/access-cache";

// Managing API keys (docs/api.md#management, docs/api.md#api-keys), all under `token:manage`. The token value is
// returned by create and rotate only; lists and reads never carry it or its hash, and audit records
// name keys by public id, name and permission strings.
//
// "A token never grants more than its creator holds" is checked whenever a key gains power or
// reach: creation, new permissions, a later expiry, and rotation (which hands the caller a working
// value of the key, so it must not let a narrower key or a lesser role pick up a wider one).
// Revoking is always allowed to any `token:manage` holder: it only ever removes access.

const TOKEN_SELECT = {
  id: true, publicId: true, name: true, note: true, permissions: true, expiresAt: true, lastUsedAt: true,
  createdAt: true, rotatedAt: true, revokedAt: true, createdBy: { select: { id: true, email: true } },
  organizationId: true, previousValidUntil: true,
} as const;

interface TokenRow {
  id: string;
  publicId: string;
  name: string;
  note: string | null;
  permissions: unknown;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { id: string; email: string } | null;
  organizationId: string;
  previousValidUntil: Date | null;
}

const permissionNames = (grants: readonly Grant[]) => [...new Set(grants.map((grant) => grant.permission))];

function tokenStatus(row: TokenRow): "active" | "expired" | "revoked" {
  if (row.revokedAt) return "revoked";
  return row.expiresAt && row.expiresAt <= new Date() ? "expired" : "active";
}

function tokenView(row: TokenRow, rows: ScopeRows) {
  return {
    id: row.publicId, name: row.name, note: row.note, permissions: storedGrants(row.permissions).map((grant) => grantView(grant, rows)),
    expires_at: row.expiresAt, last_used_at: row.lastUsedAt, created_at: row.createdAt, rotated_at: row.rotatedAt, revoked_at: row.revokedAt,
    created_by: row.createdBy, status: tokenStatus(row),
    previous_token_valid_until: row.previousValidUntil && row.previousValidUntil > new Date() && !row.revokedAt ? row.previousValidUntil : null,
  };
}

export async function listTokens(context: ServiceContext, query: { cursor?: string; limit?: number; include_revoked?: boolean }) {
  const db = await getDb();
  // What the list shows must be true now: lapsed grace periods end (and are audited) and due expiry
  // reminders go out before it is read.
  await runTokenHousekeeping(context.organizationId);
  const found = await db.apiToken.findMany({
    where: { organizationId: context.organizationId, ...(query.include_revoked ? {} : { revokedAt: null }) },
    select: TOKEN_SELECT, orderBy: { id: "desc" }, ...pageArgs(query),
  });
  const page = pageOf(found, query);
  const rows = await loadScopeRows(db, context.organizationId, page.items.flatMap((row) => storedGrants(row.permissions)));
  await auditRead(context, "token.list", { count: page.items.length });
  return { data: page.items.map((row) => tokenView(row, rows)), meta: { next_cursor: page.next_cursor } };
}

async function findToken(context: ServiceContext, publicId: string, { revoked }: { revoked: "show" | "refuse" }): Promise<TokenRow> {
  const db = await getDb();
  const row = await db.apiToken.findFirst({ where: { organizationId: context.organizationId, publicId }, select: TOKEN_SELECT });
  if (!row) throw notFound();
  if (row.revokedAt && revoked === "refuse") throw new AppError("not_found", "This API key was revoked; it can no longer be changed.");
  return row;
}

export async function getToken(context: ServiceContext, publicId: string) {
  const db = await getDb();
  const row = await findToken(context, publicId, { revoked: "show" });
  const rows = await loadScopeRows(db, context.organizationId, storedGrants(row.permissions));
  await auditRead(context, "token.read", { id: row.publicId, name: row.name });
  return tokenView(row, rows);
}

/**
 * Refuses grants the caller does not hold. New grants naming a scope the caller cannot see are
 * invalid input (422, like an unknown slug); anything else beyond the caller is a 403 listing it.
 */
async function assertCallerHolds(context: ServiceContext, action: string, grants: readonly Grant[], rows: ScopeRows, requested: boolean) {
  const excess = grantsWithin(context.principal, grants, scopeResolver(rows));
  if (excess.length === 0) return;
  if (requested && excess.some((item) => item.reason === "unknown_scope")) {
    throw new AppError("validation_failed", `Unknown scope: ${UNKNOWN_SCOPE_MESSAGE}`, {
      details: excess.filter((item) => item.reason === "unknown_scope").map((item) => ({ path: `permissions.${item.index}.scope`, message: item.message })),
    });
  }
  const permissions = permissionNames(excess.map((item) => item.grant));
  await recordAuditEvent(context.actor, {
    organizationId: context.organizationId, action, resourcePath: context.path, outcome: "DENIED", status: 403,
    metadata: { reason: "exceeds_caller", permissions },
  });
  throw new AppError("insufficient_permissions", `A key cannot grant more than you hold: ${permissions.join(", ")}.`, {
    details: excess.map((item) => ({ path: `permissions.${item.index}`, permission: item.grant.permission, reason: item.reason, message: item.message })),
  });
}

/**
 * A key acting through the API can hand out only what it holds — in time too: the key it creates,
 * edits or rotates must expire no later than the calling key itself, else a key expiring in a
 * minute could mint a permanent one. People are limited by their role alone.
 */
async function assertWithinCallerLifetime(context: ServiceContext, action: string, expiresAt: Date | null): Promise<void> {
  if (context.principal.kind !== "token") return;
  const db = await getDb();
  const caller = await db.apiToken.findUnique({ where: { id: context.principal.tokenId }, select: { expiresAt: true } });
  const limit = caller?.expiresAt;
  if (!limit || (expiresAt !== null && expiresAt <= limit)) return;
  await recordAuditEvent(context.actor, {
    organizationId: context.organizationId, action, resourcePath: context.path, outcome: "DENIED", status: 403, metadata: { reason: "outlives_caller" },
  });
  throw new AppError("insufficient_permissions", `A key cannot outlive the key that creates, edits or rotates it: this key expires at ${limit.toISOString()}.`, {
    details: [{ path: "expires", message: `Choose an expiry no later than ${limit.toISOString()}.` }],
  });
}

/** Stored grants whose scope was deleted grant nothing, so they never block an edit or a rotation. */
function liveGrants(grants: readonly Grant[], rows: ScopeRows): Grant[] {
  const resolve = scopeResolver(rows);
  return grants.filter((grant) => grant.scope === undefined || resolve(grant.scope) !== null);
}

export async function createToken(context: ServiceContext, input: CreateTokenInput) {
  const db = await getDb();
  const grants = await grantsFromSlugs(db, context.organizationId, input.permissions);
  const rows = await loadScopeRows(db, context.organizationId, grants);
  await assertCallerHolds(context, "token.create", grants, rows, true);
  await assertWithinCallerLifetime(context, "token.create", input.expires);
  const created = await db.$transaction(async (tx) => {
    const token = await issueApiToken(tx, {
      organizationId: context.organizationId, name: input.name, note: input.note || null, grants, expiresAt: input.expires,
      // A key made by a key has no person behind it; the audit log names the key that made it.
      createdById: context.principal.kind === "user" ? context.principal.userId : null,
    });
    await auditChange(tx, context, "token.create", 201, { id: token.id, name: token.name, permissions: permissionNames(grants) });
    return token;
  });
  return {
    id: created.id, token: created.token, name: created.name, note: created.note, permissions: grants.map((grant) => grantView(grant, rows)),
    expires_at: created.expiresAt, created_at: created.createdAt,
  };
}

export async function updateToken(context: ServiceContext, publicId: string, input: UpdateTokenInput) {
  const db = await getDb();
  const row = await findToken(context, publicId, { revoked: "refuse" });
  let grants = storedGrants(row.permissions);
  if (input.permissions) {
    grants = await grantsFromSlugs(db, context.organizationId, input.permissions);
    await assertCallerHolds(context, "token.update", grants, await loadScopeRows(db, context.organizationId, grants), true);
  } else if (input.expires !== undefined && livesLonger(row.expiresAt, input.expires)) {
    const rows = await loadScopeRows(db, context.organizationId, grants);
    await assertCallerHolds(context, "token.update", liveGrants(grants, rows), rows, false);
  }
  if (input.expires !== undefined) await assertWithinCallerLifetime(context, "token.update", input.expires);
  const changed = Object.entries(input).filter(([, value]) => value !== undefined).map(([field]) => field);
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({
      where: { id: row.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.note !== undefined ? { note: input.note || null } : {}),
        ...(input.permissions ? { permissions: grants as unknown as object } : {}),
        ...(input.expires !== undefined ? { expiresAt: input.expires } : {}),
      },
      select: { id: true },
    });
    await auditChange(tx, context, "token.update", 200, { id: row.publicId, name: input.name ?? row.name, changed, permissions: permissionNames(grants) });
  });
  forgetAccess();
  const updated = await findToken(context, publicId, { revoked: "show" });
  return tokenView(updated, await loadScopeRows(db, context.organizationId, storedGrants(updated.permissions)));
}

function livesLonger(current: Date | null, next: Date | null): boolean {
  if (current === null) return false;
  return next === null || next > current;
}

export async function rotateToken(context: ServiceContext, publicId: string, input: { grace?: RotationGrace } = {}) {
  const db = await getDb();
  const grace = input.grace ?? "none";
  const row = await findToken(context, publicId, { revoked: "refuse" });
  const grants = storedGrants(row.permissions);
  const rows = await loadScopeRows(db, context.organizationId, grants);
  await assertCallerHolds(context, "token.rotate", liveGrants(grants, rows), rows, false);
  await assertWithinCallerLifetime(context, "token.rotate", row.expiresAt);
  const validUntil = grace === "none" ? null : new Date(Date.now() + ROTATION_GRACE_PERIODS[grace]);
  const token = await db.$transaction(async (tx) => {
    // A token still in an earlier grace period stops now: only the last replaced token lingers.
    await endGracePeriod(tx, row, "superseded", context.actor);
    const value = await rotateApiTokenValue(tx, row, validUntil);
    if (!value) throw new AppError("version_conflict", "The key was rotated or revoked at the same time; read it again.");
    await auditChange(tx, context, "token.rotate", 200, { id: row.publicId, name: row.name, grace, ...(validUntil ? { previous_valid_until: validUntil.toISOString() } : {}) });
    return value;
  });
  forgetAccess();
  return {
    id: row.publicId, token, name: row.name, note: row.note, permissions: grants.map((grant) => grantView(grant, rows)),
    expires_at: row.expiresAt, created_at: row.createdAt, previous_token_valid_until: validUntil,
  };
}

/** Immediate revocation; the row stays for the audit trail (GET still shows it, as "revoked"). */
export async function revokeToken(context: ServiceContext, publicId: string): Promise<void> {
  const db = await getDb();
  const row = await findToken(context, publicId, { revoked: "refuse" });
  await db.$transaction(async (tx) => {
    // Conditional, so two concurrent deletes record one revocation.
    const { count } = await tx.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new AppError("not_found", "This API key was already revoked.");
    await auditChange(tx, context, "token.delete", 204, { id: row.publicId, name: row.name });
    await endGracePeriod(tx, row, "revoked", context.actor);
  });
  // This instance forgets the key now; the others when the change's notification reaches them.
  forgetAccess();
}
