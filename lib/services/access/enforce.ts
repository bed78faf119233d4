import "server-only";
import { authorize, authorizeListing, type Decision, type Principal, type ResourcePath } from "@/lib/authz";
import type { ServiceContext } from "../context";
import { findLevel, findTeam, projectResource, type LevelRef, type TeamRef } from "./lookup";
import { refuse } from "./guard";
import type { AccessPlan, Check, CheckTarget } from "./plan";

// Enforcing an access plan (./plan.ts): look up what it names (a missing thing is a plain 404),
// ask authorize() every check, record and refuse the first one denied. What comes back is the
// Access a use case works with: the level or team already found, so nothing is looked up twice.

export class Access {
  constructor(
    private readonly levelRef: LevelRef | null,
    private readonly teamRef: TeamRef | null,
  ) {}

  /** The level the plan named. Asking for one the plan did not name is a bug in the caller. */
  get level(): LevelRef {
    if (!this.levelRef) throw new Error("This access plan names no level.");
    return this.levelRef;
  }

  get team(): TeamRef {
    if (!this.teamRef) throw new Error("This access plan names no team.");
    return this.teamRef;
  }
}

export interface ResolvedPlan {
  level: LevelRef | null;
  team: TeamRef | null;
  resources: Record<CheckTarget, ResourcePath | null>;
}

/**
 * Looks up the level and team a plan names, as the caller sees them (404 when missing); with
 * `withContent`, the levels' stored content too when the plan's use case reads it.
 */
export async function resolvePlan(context: Pick<ServiceContext, "organizationId">, plan: AccessPlan, withContent = false): Promise<ResolvedPlan> {
  const [level, team] = await Promise.all([
    plan.level ? findLevel(context, plan.level, { content: withContent && plan.levelContent === true }) : null,
    plan.team ? findTeam(context, plan.team) : null,
  ]);
  return {
    level,
    team,
    resources: {
      organization: { organizationId: context.organizationId },
      level: level?.resource ?? null,
      project: level ? projectResource(context.organizationId, level.project) : null,
      team: team ? { organizationId: context.organizationId, teamId: team.id } : null,
    },
  };
}

/** authorize() for one check of a resolved plan; a listing refuses only a caller holding the permission nowhere there. */
export function judge(principal: Principal, check: Check, resources: ResolvedPlan["resources"]): Decision {
  const resource = resources[check.on];
  if (!resource) throw new Error(`This access plan checks the ${check.on} but names none.`);
  const decision = check.listing ? authorizeListing(principal, check.permission, resource) : authorize(principal, check.permission, resource);
  // An alternative permission may allow what this one refuses, but never reveals what is hidden.
  if (decision.allowed || !check.otherwise || decision.status === 404) return decision;
  return judge(principal, check.otherwise, resources).allowed ? { allowed: true } : decision;
}

/** The slugs of the level a plan names, for the audit record of a refusal. */
function namedLevel(plan: AccessPlan): Record<string, string> {
  if (!plan.level) return {};
  const { project, target, environment } = plan.level;
  return { project, ...(target ? { target } : {}), ...(environment ? { environment } : {}) };
}

/** The one gate before every use case: the router, server actions and pages all come through here. */
export async function enforce(context: ServiceContext, plan: AccessPlan): Promise<Access> {
  const resolved = await resolvePlan(context, plan, true);
  for (const check of plan.checks) {
    const decision = judge(context.principal, check, resolved.resources);
    if (!decision.allowed) await refuse(context, plan.action, check.permission, decision, namedLevel(plan));
  }
  return new Access(resolved.level, resolved.team);
}
