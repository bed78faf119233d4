import { ALLOW_ALL, isScopeable, READ_ONLY_PRESET, type Permission } from "@/lib/authz";
import { EXPIRY_PRESETS } from "@/lib/schemas/tokens";
import type { GrantScopeView, GrantView } from "./types";

// Words for keys: permission summaries, scope labels and expiry sentences, shared by list, form and detail.

export function scopeLabel(scope: GrantScopeView | undefined): string {
  if (!scope) return "Whole organization";
  if ("team" in scope) return `Team ${scope.team ?? "(deleted)"}`;
  return [scope.project, scope.target, scope.environment].filter((part) => part !== undefined).map((part) => part ?? "(deleted)").join(" / ");
}

export function permissionSummary(grants: readonly GrantView[]): string {
  const unscoped = new Set(grants.filter((grant) => !grant.scope).map((grant) => grant.permission));
  const names = new Set(grants.map((grant) => grant.permission));
  if (ALLOW_ALL.every((permission) => unscoped.has(permission))) return "Allow all";
  if (names.size === READ_ONLY_PRESET.length && READ_ONLY_PRESET.every((permission) => names.has(permission))) return "Read-only";
  return `${names.size} permission${names.size === 1 ? "" : "s"}`;
}

export function isAllowAllGrants(grants: readonly { permission: Permission; scope?: unknown }[]): boolean {
  const unscoped = new Set(grants.filter((grant) => !grant.scope).map((grant) => grant.permission));
  return ALLOW_ALL.every((permission) => unscoped.has(permission));
}

/**
 * The distinct scopes of a key, for the list. "Whole organization" only for an unscoped grant that
 * could have been scoped; organization-wide permissions (organization:read…) say so separately.
 */
export function scopeSummary(grants: readonly GrantView[]): string[] {
  const labels = grants.flatMap((grant) => (grant.scope || isScopeable(grant.permission) ? [scopeLabel(grant.scope)] : []));
  const organizationWide = grants.some((grant) => !grant.scope && !isScopeable(grant.permission));
  return [...new Set(labels), ...(organizationWide ? ["organization-wide permissions"] : [])];
}

const DAY_MS = 86_400_000;

export function formatDate(value: string | Date): string {
  return new Date(value).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

export function formatDateTime(value: string | Date): string {
  return new Date(value).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** The instant an expiry choice means, counted from `now`; null = never; undefined = not a valid choice. */
export function expiryInstant(value: string, now = new Date()): Date | null | undefined {
  if (value === "never") return null;
  if (value in EXPIRY_PRESETS) return new Date(now.getTime() + EXPIRY_PRESETS[value as keyof typeof EXPIRY_PRESETS] * DAY_MS);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "This key will expire on 22 Feb 2027" / "will never expire", as GitHub's form says it. */
export function expirySentence(value: string, now = new Date()): string {
  const instant = expiryInstant(value, now);
  if (instant === null) return "This key will never expire.";
  if (instant === undefined) return "Choose an expiry date.";
  if (instant.getTime() <= now.getTime()) return "That date is in the past: choose a date in the future.";
  return `This key will expire on ${formatDate(instant)}.`;
}

export function relativeTime(value: string | null, now = new Date()): string {
  if (!value) return "Never";
  const diff = new Date(value).getTime() - now.getTime();
  const minutes = Math.round(diff / 60_000);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  if (Math.abs(minutes) < 60) return format.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, "hour");
  return format.format(Math.round(hours / 24), "day");
}
