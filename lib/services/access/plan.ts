import type { Permission } from "@/lib/authz";
import type { LevelPath } from "@/lib/schemas/secrets";

// An access plan: everything a call must be allowed before its use case runs, stated once per
// endpoint (lib/api endpoint declarations: `requires(input)`) or per dashboard use case. The router
// and server actions enforce it (./enforce.ts), the API Explorer's pre-flight judges it without
// sending anything, and the authorization-matrix tests check it against the expected table. It is
// pure data: where the call points (the level or team it names) and which permissions it needs
// where. Checks that depend on stored data (e.g. "only an Owner may demote an Owner", "a key never
// grants more than its creator holds") stay in the use cases.

/** Where a check is asked: the level the call names, that level's project, the team it names, or the organization. */
export type CheckTarget = "level" | "project" | "team" | "organization";

export interface Check {
  permission: Permission;
  on: CheckTarget;
  /** Lists refuse only a caller that holds the permission nowhere there; scoped holders see a filtered list. */
  listing?: boolean;
  /**
   * Another check that allows the call as well, when this one refuses it for a missing permission
   * or scope (never when the resource is invisible). The refusal reported is this check's.
   */
  otherwise?: Check;
}

export interface AccessPlan {
  /** The audit action a refusal is recorded under. */
  action: string;
  /** The level the call names (in its path or body), looked up before any check. */
  level?: LevelPath;
  /** The team the call names (its slug). */
  team?: string;
  /**
   * The use case reads the stored content of the levels from the project down to the one named:
   * enforcement fetches it with the level, in the same statement (a secrets read is then one round
   * trip before its audit event). Never handed out before every check has passed.
   */
  levelContent?: boolean;
  checks: Check[];
}

type Maybe<T> = T | false | null | undefined;

/** A plan; falsy checks are dropped, so conditional checks read as `input.decrypt && check(…)`. */
export function plan(action: string, checks: Maybe<Check>[], where: { level?: LevelPath; team?: string; levelContent?: boolean } = {}): AccessPlan {
  return { action, ...where, checks: checks.filter((item): item is Check => Boolean(item)) };
}

export const check = (permission: Permission, on: CheckTarget = "organization", options: { listing?: boolean; otherwise?: Check } = {}): Check => ({
  permission, on, ...(options.listing ? { listing: true } : {}), ...(options.otherwise ? { otherwise: options.otherwise } : {}),
});

/** The level a path or body names, without anything else it carries. */
export function levelOf(named: LevelPath): LevelPath {
  return { project: named.project, target: named.target ?? null, environment: named.environment ?? null };
}

/** Any valid caller of the organization may (whoami; the public OpenAPI document). */
export const anyCaller = (): AccessPlan => plan("none", []);

/** One organization-wide permission (members, invitations, API keys, the audit log, the organization). */
export const onOrganization = (action: string, permission: Permission): AccessPlan => plan(action, [check(permission)]);
