import { describe, expect, it } from "vitest";
import { grantSchema } from "./grant-schema";
import { RESOURCES, RESOURCE_NAMES, SCOPES, type ResourceName } from "./test-fixtures";
import { scopeCovers, scopeProblems, scopeTouches, validateGrant, type Scope } from "./scope";

type ScopeName = keyof typeof SCOPES | "unscoped";
const scopeOf = (name: ScopeName): Scope | undefined => (name === "unscoped" ? undefined : SCOPES[name]);

// Which fixture resources each scope covers. Everything not listed is not covered.
const COVERS: Record<ScopeName, ResourceName[]> = {
  // Everything; the organization itself is checked by authorize(), not by scopes.
  unscoped: [...RESOURCE_NAMES],
  p1: ["p1", "p1t1", "p1t1e1", "p1t1e2", "p1t2", "p1t2e3"],
  p1t1: ["p1t1", "p1t1e1", "p1t1e2"],
  p1t1e1: ["p1t1e1"],
  p2: ["p2", "p2t9e9"],
  // A team covers itself and the projects given to it; never the unrestricted p1.
  teamA: ["teamA", "p2", "p2t9e9", "p3"],
  teamB: ["teamB", "p3"],
};

// Covered, plus the ancestors a scope lies beneath (what a key must be able to name).
const TOUCHES: Record<ScopeName, ResourceName[]> = {
  ...COVERS,
  p1t1: ["p1", ...COVERS.p1t1],
  p1t1e1: ["p1", "p1t1", ...COVERS.p1t1e1],
};

const table = (expected: Record<ScopeName, ResourceName[]>) =>
  (Object.keys(expected) as ScopeName[]).flatMap((scope) =>
    RESOURCE_NAMES.map((resource) => ({ scope, resource, expected: expected[scope].includes(resource) })),
  );

describe("scopeCovers", () => {
  it.each(table(COVERS))("$scope covers $resource: $expected", ({ scope, resource, expected }) => {
    expect(scopeCovers(scopeOf(scope), RESOURCES[resource])).toBe(expected);
  });

  it("covers nothing with a malformed scope", () => {
    const bad = { project: "p1", environment: "e1" } as Scope;
    expect(scopeCovers(bad, RESOURCES.p1t1e1)).toBe(false);
    expect(scopeCovers({ team: "" }, { organizationId: "org", teamId: "" })).toBe(false);
  });
});

describe("scopeTouches", () => {
  it.each(table(TOUCHES))("$scope touches $resource: $expected", ({ scope, resource, expected }) => {
    expect(scopeTouches(scopeOf(scope), RESOURCES[resource])).toBe(expected);
  });
});

describe("scopeProblems", () => {
  it.each([
    [{ team: "t" }, 0],
    [{ project: "p" }, 0],
    [{ project: "p", target: "t" }, 0],
    [{ project: "p", target: "t", environment: "e" }, 0],
    [{ project: "p", environment: "e" }, 1],
    [{ target: "t" }, 2],
    [{ team: "t", project: "p" }, 1],
    [{}, 1],
    [{ project: "" }, 1],
    [{ project: "p", region: "eu" }, 1],
    [null, 1],
    ["p1", 1],
  ])("%j has %i problem(s)", (scope, count) => {
    expect(scopeProblems(scope)).toHaveLength(count);
  });
});

describe("validateGrant", () => {
  const env = SCOPES.p1t1e1;
  const target = SCOPES.p1t1;
  const project = SCOPES.p1;
  const team = SCOPES.teamA;
  it.each([
    ["secret:read", undefined, []],
    ["secret:read", env, []],
    ["secret:purge", team, []],
    ["environment:delete", env, []],
    ["target:update", target, []],
    ["project:read", team, []],
    ["key:retrieve", project, []],
    ["team:read", team, []],
    ["project:create", undefined, []],
    ["project:create", project, ["not_scopeable"]],
    ["target:create", project, ["not_scopeable"]],
    ["environment:create", target, ["not_scopeable"]],
    ["team:create", team, ["not_scopeable"]],
    ["member:create", team, ["not_scopeable"]],
    ["organization:read", project, ["not_scopeable"]],
    ["member:read", team, ["not_scopeable"]],
    ["token:manage", project, ["not_scopeable"]],
    ["billing:read", project, ["not_scopeable"]],
    ["audit:read", team, ["not_scopeable"]],
    ["project:update", target, ["scope_too_deep"]],
    ["key:rotate", env, ["scope_too_deep"]],
    ["target:read", env, ["scope_too_deep"]],
    ["team:update", project, ["scope_kind_not_allowed"]],
    ["secret:read", { project: "p1", environment: "e1" }, ["malformed_scope"]],
    ["secret:reveal", undefined, ["unknown_permission"]],
  ] as const)("%s scoped to %j → %j", (permission, scope, codes) => {
    expect(validateGrant({ permission, scope }).map((p) => p.code)).toEqual(codes);
  });

  it("explains why a create permission cannot be scoped", () => {
    expect(validateGrant({ permission: "project:create", scope: project })[0]?.message).toBe(
      "project:create cannot be scoped: there is nothing yet to scope to.",
    );
  });
});

describe("grantSchema", () => {
  it("accepts a valid grant", () => {
    const grant = { permission: "secret:read", scope: { project: "p1", target: "t1" } };
    expect(grantSchema.parse(grant)).toEqual(grant);
  });

  it.each([
    { permission: "project:create", scope: { project: "p1" } },
    { permission: "secret:read", scope: { project: "p1", environment: "e1" } },
    { permission: "secret:read", scope: { team: "a", project: "p1" } },
    { permission: "secret:reveal" },
    { permission: "secret:read", extra: true },
  ])("rejects %j", (grant) => {
    expect(grantSchema.safeParse(grant).success).toBe(false);
  });
});
