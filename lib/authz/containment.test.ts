import { describe, expect, it } from "vitest";
import { grantWithin, grantsWithin, type ScopeResolver } from "./containment";
import { ALLOW_ALL, READ_ONLY_PRESET, unscopedGrants } from "./presets";
import type { Principal } from "./principal";
import type { Grant } from "./scope";
import { ANON, OTHER_ORG, SCOPES, resolveScope, token, user } from "./test-fixtures";

const verdict = (holder: Principal, grant: Grant, resolve: ScopeResolver = resolveScope) => {
  const result = grantWithin(holder, grant, resolve);
  return result.within ? "within" : result.reason;
};

const developerInA = user("DEVELOPER", ["team-a"]);
const unknownEnv = { project: "p1", target: "t1", environment: "nope" };

describe("a user creating a key", () => {
  it.each<[string, Principal, Grant, string]>([
    ["Member", user("MEMBER"), { permission: "secret:decrypt", scope: SCOPES.p1 }, "missing_permission"],
    ["Member", user("MEMBER"), { permission: "secret:decrypt" }, "missing_permission"],
    ["Administrator", user("ADMINISTRATOR"), { permission: "billing:read" }, "missing_permission"],
    ["Administrator", user("ADMINISTRATOR"), { permission: "organization:delete" }, "missing_permission"],
    ["Administrator", user("ADMINISTRATOR"), { permission: "secret:decrypt" }, "within"],
    ["Administrator", user("ADMINISTRATOR"), { permission: "secret:decrypt", scope: SCOPES.p2 }, "within"],
    ["Auditor", user("AUDITOR"), { permission: "audit:read" }, "within"],
    // Team-restricted roles: unscoped hierarchy grants would reach projects they cannot see.
    ["Developer", developerInA, { permission: "secret:read" }, "unscoped_not_allowed"],
    ["Developer", developerInA, { permission: "target:create" }, "unscoped_not_allowed"],
    ["Developer", developerInA, { permission: "secret:read", scope: SCOPES.p1t1e1 }, "within"],
    ["Developer", developerInA, { permission: "secret:decrypt", scope: SCOPES.p2 }, "within"],
    ["Developer", developerInA, { permission: "secret:read", scope: SCOPES.teamA }, "within"],
    ["Developer", developerInA, { permission: "secret:read", scope: SCOPES.teamB }, "scope_not_visible"],
    ["Developer outside team-a", user("DEVELOPER"), { permission: "secret:read", scope: SCOPES.p2 }, "unknown_scope"],
    ["Developer", developerInA, { permission: "secret:read", scope: unknownEnv }, "unknown_scope"],
    ["Developer", developerInA, { permission: "secret:purge", scope: SCOPES.p1 }, "missing_permission"],
    // Organization-wide permissions cannot be scoped, so they are fine unscoped for every role.
    ["Developer", developerInA, { permission: "organization:read" }, "within"],
    ["Member", user("MEMBER"), { permission: "team:read" }, "within"],
    ["Member", user("MEMBER"), { permission: "team:read", scope: SCOPES.teamB }, "within"],
    ["Developer", developerInA, { permission: "project:create", scope: SCOPES.p1 }, "invalid_grant"],
    ["anonymous", ANON, { permission: "organization:read" }, "unauthenticated"],
  ])("%s: %j → %s", (_, holder, grant, expected) => {
    expect(verdict(holder, grant)).toBe(expected);
  });

  it("lets an Owner mint allow-all", () => {
    expect(grantsWithin(user("OWNER"), unscopedGrants(ALLOW_ALL), resolveScope)).toEqual([]);
  });

  it("reports every grant that exceeds, with its index", () => {
    const requested = [...unscopedGrants(READ_ONLY_PRESET), { permission: "secret:decrypt" } as Grant];
    const excess = grantsWithin(user("MEMBER"), requested, resolveScope);
    expect(excess.map((e) => [e.index, e.grant.permission, e.reason])).toEqual([
      [0, "secret:read", "unscoped_not_allowed"],
      [1, "project:read", "unscoped_not_allowed"],
      [2, "target:read", "unscoped_not_allowed"],
      [3, "environment:read", "unscoped_not_allowed"],
      [5, "secret:decrypt", "missing_permission"],
    ]);
  });

  it("refuses a scope the resolver places in another organization, or not where the scope says", () => {
    const foreign: ScopeResolver = () => ({ organizationId: OTHER_ORG, projectId: "p1" });
    const elsewhere: ScopeResolver = () => ({ organizationId: "org", projectId: "p3", projectTeamIds: [] });
    const grant: Grant = { permission: "secret:read", scope: SCOPES.p1 };
    expect(verdict(user("OWNER"), grant, foreign)).toBe("unknown_scope");
    expect(verdict(user("OWNER"), grant, elsewhere)).toBe("unknown_scope");
  });
});

describe("a key creating a key (it holds token:manage, which is organization-wide)", () => {
  const holder = token([
    { permission: "token:manage" },
    { permission: "organization:read" },
    { permission: "secret:read", scope: SCOPES.p1 },
    { permission: "secret:decrypt", scope: SCOPES.p1t1e1 },
    { permission: "environment:read", scope: SCOPES.teamA },
  ]);

  it.each<[Grant, string]>([
    [{ permission: "token:manage" }, "within"],
    [{ permission: "organization:read" }, "within"],
    // Equal or narrower scopes are fine.
    [{ permission: "secret:read", scope: SCOPES.p1 }, "within"],
    [{ permission: "secret:read", scope: SCOPES.p1t1 }, "within"],
    [{ permission: "secret:read", scope: SCOPES.p1t1e1 }, "within"],
    [{ permission: "secret:decrypt", scope: SCOPES.p1t1e1 }, "within"],
    [{ permission: "environment:read", scope: SCOPES.teamA }, "within"],
    [{ permission: "environment:read", scope: SCOPES.p2 }, "within"], // p2 is team-a's
    // Wider scopes are refused.
    [{ permission: "secret:read" }, "scope_too_wide"],
    [{ permission: "secret:decrypt", scope: SCOPES.p1t1 }, "scope_too_wide"],
    [{ permission: "secret:decrypt", scope: SCOPES.p1 }, "scope_too_wide"],
    // A project the key cannot see answers like an unknown id.
    [{ permission: "secret:read", scope: SCOPES.teamB }, "unknown_scope"],
    [{ permission: "secret:read", scope: { project: "nope" } }, "unknown_scope"],
    // Permissions the key does not hold.
    [{ permission: "secret:write", scope: SCOPES.p1t1e1 }, "missing_permission"],
    [{ permission: "member:read" }, "missing_permission"],
    // token:manage cannot be scoped at all, so a "project-scoped token:manage" is not a grant.
    [{ permission: "token:manage", scope: SCOPES.p1 }, "invalid_grant"],
  ])("%j → %s", (grant, expected) => {
    expect(verdict(holder, grant)).toBe(expected);
  });

  it("a key holding a scoped token:manage gains nothing from it", () => {
    const broken = token([{ permission: "token:manage", scope: SCOPES.p1 }, { permission: "secret:read" }]);
    expect(verdict(broken, { permission: "token:manage" })).toBe("missing_permission");
    expect(verdict(broken, { permission: "secret:read", scope: SCOPES.p2 })).toBe("within");
  });
});
