import { describe, expect, it } from "vitest";
import { NOT_FOUND_MESSAGE, authorize, authorizeListing, type Decision } from "./authorize";
import { PERMISSIONS, type Permission } from "./catalog";
import { ALLOW_ALL, READ_ONLY_PRESET, isAllowAll, unscopedGrants } from "./presets";
import type { Principal } from "./principal";
import { InvalidResourcePathError, type ResourcePath } from "./resource";
import { validateGrant, type Grant } from "./scope";
import {
  ANON,
  OTHER_ORG,
  RESOURCES,
  RESOURCE_NAMES,
  SCOPES,
  token,
  user,
  type ResourceName,
} from "./test-fixtures";
import { canSee, effectiveGrants, matchesProjectFilter, visibleProjectsFilter } from "./visibility";

const outcome = (d: Decision) => (d.allowed ? "allow" : `${d.status} ${d.reason}`);

const allowAllToken = token(unscopedGrants(ALLOW_ALL));
// A realistic CI key: read-only preset, secret:read narrowed to one environment.
const ciToken = token([
  { permission: "secret:read", scope: SCOPES.p1t1e1 },
  { permission: "project:read", scope: SCOPES.p1 },
  { permission: "target:read", scope: SCOPES.p1t1 },
  { permission: "environment:read", scope: SCOPES.p1t1e1 },
  { permission: "organization:read" },
]);

describe("authentication and organization", () => {
  it("answers 401 to anonymous callers", () => {
    expect(authorize(ANON, "organization:read", RESOURCES.org)).toEqual({
      allowed: false,
      reason: "unauthenticated",
      status: 401,
      message: expect.stringMatching(/API key/),
    });
  });

  it.each<[string, Principal]>([
    ["an Owner", user("OWNER")],
    ["an allow-all key", allowAllToken],
  ])("answers 404 to %s asking about another organization", (_, principal) => {
    for (const permission of ["organization:read", "secret:read"] as const) {
      const decision = authorize(principal, permission, RESOURCES.otherOrgProject);
      expect(decision).toEqual({
        allowed: false,
        reason: "other_organization",
        status: 404,
        message: NOT_FOUND_MESSAGE,
      });
    }
    expect(authorize(principal, "organization:read", { organizationId: OTHER_ORG }).allowed).toBe(false);
  });

  it("throws on a malformed resource path instead of guessing", () => {
    const bad = { organizationId: "org", environmentId: "e1" } as ResourcePath;
    expect(() => authorize(user("OWNER"), "secret:read", bad)).toThrow(InvalidResourcePathError);
    expect(() => authorize(user("OWNER"), "secret:read", { organizationId: "org", teamId: "a", projectId: "p" })).toThrow(
      InvalidResourcePathError,
    );
  });
});

describe("users and team-restricted projects", () => {
  const developerOutside = user("DEVELOPER", ["team-b"]);
  const developerInside = user("DEVELOPER", ["team-a"]);

  it.each<[string, Principal, Permission, ResourceName, string]>([
    ["Developer outside team-a", developerOutside, "secret:read", "p2", "404 not_visible"],
    ["Developer outside team-a", developerOutside, "secret:decrypt", "p2t9e9", "404 not_visible"],
    // Even a permission the role lacks answers 404: a 403 would confirm the project exists.
    ["Developer outside team-a", developerOutside, "project:delete", "p2", "404 not_visible"],
    ["Developer outside team-a", developerOutside, "secret:read", "p3", "allow"],
    ["Developer outside team-a", developerOutside, "secret:read", "p1", "allow"],
    ["Developer in team-a", developerInside, "secret:decrypt", "p2t9e9", "allow"],
    ["Developer in team-a", developerInside, "project:delete", "p2", "403 missing_permission"],
    ["Member in no team", user("MEMBER"), "secret:read", "p3", "404 not_visible"],
    ["Member in no team", user("MEMBER"), "secret:decrypt", "p1t1e1", "403 missing_permission"],
    ["API User in no team", user("API_USER"), "secret:decrypt", "p2t9e9", "404 not_visible"],
    ["Administrator in no team", user("ADMINISTRATOR"), "secret:decrypt", "p2t9e9", "allow"],
    ["Owner in no team", user("OWNER"), "project:delete", "p2", "allow"],
    ["Auditor in no team", user("AUDITOR"), "project:read", "p2", "allow"],
    ["Auditor in no team", user("AUDITOR"), "secret:decrypt", "p2", "403 missing_permission"],
    ["Billing Manager", user("BILLING_MANAGER"), "project:read", "p2", "403 missing_permission"],
    // Teams themselves are visible to every member; the role decides.
    ["Member in no team", user("MEMBER"), "team:read", "teamA", "allow"],
    ["Member in no team", user("MEMBER"), "team:update", "teamA", "403 missing_permission"],
    ["Developer outside team-a", developerOutside, "organization:read", "org", "allow"],
  ])("%s: %s on %s → %s", (_, principal, permission, resource, expected) => {
    expect(outcome(authorize(principal, permission, RESOURCES[resource]))).toBe(expected);
  });

  it("names the role and the permission in a 403", () => {
    const decision = authorize(user("MEMBER"), "secret:decrypt", RESOURCES.p1t1e1);
    expect(decision).toMatchObject({ message: "Your role (Member) does not include secret:decrypt." });
  });

  it("gives the same answer for an invisible project as for another organization", () => {
    const hidden = authorize(developerOutside, "secret:read", RESOURCES.p2);
    const foreign = authorize(developerOutside, "secret:read", RESOURCES.otherOrgProject);
    expect(hidden.allowed || foreign.allowed).toBe(false);
    if (!hidden.allowed && !foreign.allowed) {
      expect([hidden.status, hidden.message]).toEqual([foreign.status, foreign.message]);
    }
  });
});

describe("tokens", () => {
  it.each<[string, Principal, Permission, ResourceName, string]>([
    ["CI key", ciToken, "secret:read", "p1t1e1", "allow"],
    ["CI key", ciToken, "organization:read", "org", "allow"],
    // Holds the permission, resource visible (on the key's branch) but not covered → 403.
    ["CI key", ciToken, "secret:read", "p1t1", "403 out_of_scope"],
    ["CI key", ciToken, "secret:read", "p1", "403 out_of_scope"],
    ["CI key", ciToken, "environment:read", "p1t1", "403 out_of_scope"],
    ["CI key", ciToken, "secret:read", "org", "403 out_of_scope"],
    // Does not hold the permission at all, resource visible → 403.
    ["CI key", ciToken, "secret:decrypt", "p1t1e1", "403 missing_permission"],
    ["CI key", ciToken, "organization:update", "org", "403 missing_permission"],
    ["CI key", ciToken, "project:create", "org", "403 missing_permission"],
    // project:read on p1 makes the whole project visible, siblings included.
    ["CI key", ciToken, "secret:read", "p1t2e3", "403 out_of_scope"],
    // Another project: no grant touches it. Unscoped organization:read reveals no project.
    ["CI key", ciToken, "secret:read", "p2", "404 not_visible"],
    ["CI key", ciToken, "secret:decrypt", "p3", "404 not_visible"],
    ["CI key", ciToken, "team:read", "teamA", "404 not_visible"],
    ["allow-all key", allowAllToken, "secret:purge", "p2t9e9", "allow"],
    ["allow-all key", allowAllToken, "billing:manage", "org", "allow"],
  ])("%s: %s on %s → %s", (_, principal, permission, resource, expected) => {
    expect(outcome(authorize(principal, permission, RESOURCES[resource]))).toBe(expected);
  });

  describe("an environment-only key", () => {
    const envKey = token([{ permission: "secret:read", scope: SCOPES.p1t1e1 }]);
    it.each<[Permission, ResourceName, string]>([
      ["secret:read", "p1t1e1", "allow"],
      ["secret:read", "p1t1", "403 out_of_scope"], // ancestor: the key can name it
      ["secret:write", "p1t1e1", "403 missing_permission"],
      ["secret:read", "p1t1e2", "404 not_visible"], // sibling environment
      ["secret:read", "p1t2", "404 not_visible"], // sibling target
      ["secret:read", "p2", "404 not_visible"],
      ["organization:read", "org", "403 missing_permission"],
    ])("%s on %s → %s", (permission, resource, expected) => {
      expect(outcome(authorize(envKey, permission, RESOURCES[resource]))).toBe(expected);
    });

    it("names the permission and the level", () => {
      const denied = authorize(envKey, "secret:read", RESOURCES.p1t1);
      expect(denied).toMatchObject({ message: "This key lacks secret:read for this target." });
      const decrypt = token([{ permission: "secret:decrypt", scope: { project: "p1", target: "t2" } }]);
      expect(authorize(decrypt, "secret:decrypt", { ...RESOURCES.p1t2, environmentId: "e4" })).toMatchObject({
        allowed: true,
      });
      expect(authorize(decrypt, "secret:decrypt", RESOURCES.p1t2)).toMatchObject({ allowed: true });
      expect(authorize(decrypt, "secret:decrypt", RESOURCES.p1)).toMatchObject({
        status: 403,
        message: "This key lacks secret:decrypt for this project.",
      });
    });
  });

  describe("a team-scoped key", () => {
    const teamKey = token([
      { permission: "secret:read", scope: SCOPES.teamA },
      { permission: "team:read", scope: SCOPES.teamA },
    ]);
    it.each<[Permission, ResourceName, string]>([
      ["secret:read", "p2t9e9", "allow"],
      ["secret:read", "p3", "allow"],
      ["secret:read", "p1", "404 not_visible"], // unrestricted projects are not the team's
      ["team:read", "teamA", "allow"],
      ["team:update", "teamA", "403 missing_permission"],
      ["team:read", "teamB", "404 not_visible"],
    ])("%s on %s → %s", (permission, resource, expected) => {
      expect(outcome(authorize(teamKey, permission, RESOURCES[resource]))).toBe(expected);
    });
  });

  it("several grants of one permission add up", () => {
    const twoEnvs = token([
      { permission: "secret:read", scope: SCOPES.p1t1e1 },
      { permission: "secret:read", scope: { project: "p1", target: "t2", environment: "e3" } },
    ]);
    expect(authorize(twoEnvs, "secret:read", RESOURCES.p1t1e1).allowed).toBe(true);
    expect(authorize(twoEnvs, "secret:read", RESOURCES.p1t2e3).allowed).toBe(true);
    expect(outcome(authorize(twoEnvs, "secret:read", RESOURCES.p1t1e2))).toBe("404 not_visible");
  });

  it("ignores stored grants that are invalid instead of widening access", () => {
    const stored = [
      { permission: "project:create", scope: SCOPES.p1 }, // create cannot be scoped
      { permission: "secret:read", scope: { project: "p1", environment: "e1" } }, // malformed
      { permission: "secret:reveal" }, // no such permission
      { permission: "secret:write", scope: SCOPES.p1 },
    ] as Grant[];
    const key = token(stored);
    expect(effectiveGrants(key)).toEqual([{ permission: "secret:write", scope: SCOPES.p1 }]);
    expect(outcome(authorize(key, "project:create", RESOURCES.org))).toBe("403 missing_permission");
    expect(outcome(authorize(key, "secret:read", RESOURCES.p1t1e1))).toBe("403 missing_permission");
  });
});

describe("*:create, presets", () => {
  it("rejects a scoped create permission", () => {
    for (const permission of PERMISSIONS.filter((p) => p.endsWith(":create"))) {
      expect(validateGrant({ permission, scope: SCOPES.p1 }).map((p) => p.code)).toEqual(["not_scopeable"]);
      expect(validateGrant({ permission })).toEqual([]);
    }
  });

  it("read-only preset is exactly the five reads of docs/permissions.md#permission-catalog", () => {
    expect([...READ_ONLY_PRESET].sort()).toEqual(
      ["environment:read", "organization:read", "project:read", "secret:read", "target:read"],
    );
    const readOnly = token(unscopedGrants(READ_ONLY_PRESET));
    expect(authorize(readOnly, "secret:read", RESOURCES.p2t9e9).allowed).toBe(true);
    expect(outcome(authorize(readOnly, "secret:decrypt", RESOURCES.p2t9e9))).toBe("403 missing_permission");
    expect(outcome(authorize(readOnly, "secret:write", RESOURCES.p1))).toBe("403 missing_permission");
    expect(isAllowAll(readOnly.grants)).toBe(false);
  });

  it("allow-all is every permission, unscoped, and allows everything in its organization", () => {
    expect([...ALLOW_ALL]).toEqual([...PERMISSIONS]);
    expect(isAllowAll(allowAllToken.grants)).toBe(true);
    for (const permission of PERMISSIONS) {
      for (const name of RESOURCE_NAMES.filter((r) => r !== "otherOrgProject")) {
        expect(authorize(allowAllToken, permission, RESOURCES[name]).allowed).toBe(true);
      }
    }
    const scopedAll = token(ALLOW_ALL.map((permission) => ({ permission, scope: SCOPES.p1 })));
    expect(isAllowAll(scopedAll.grants)).toBe(false);
  });
});

describe("visibility invariants", () => {
  const principals: [string, Principal][] = [
    ["anonymous", ANON],
    ...(["OWNER", "ADMINISTRATOR", "DEVELOPER", "MEMBER", "AUDITOR", "BILLING_MANAGER", "API_USER"] as const).flatMap(
      (role): [string, Principal][] => [
        [`${role} in no team`, user(role)],
        [`${role} in team-b`, user(role, ["team-b"])],
      ],
    ),
    ["CI key", ciToken],
    ["allow-all key", allowAllToken],
    ["team key", token([{ permission: "secret:write", scope: SCOPES.teamB }])],
    ["org-only key", token([{ permission: "organization:read" }, { permission: "token:manage" }])],
  ];

  it.each(principals)("%s: allowed ⇒ visible, and a denial is 404 exactly when invisible", (_, principal) => {
    for (const permission of PERMISSIONS) {
      for (const name of RESOURCE_NAMES) {
        const resource = RESOURCES[name];
        const decision = authorize(principal, permission, resource);
        const visible = canSee(principal, resource);
        if (decision.allowed) expect(visible).toBe(true);
        else if (decision.status !== 401) expect(decision.status === 404).toBe(!visible);
      }
    }
  });

  it.each(principals)("%s: the project query filter agrees with canSee", (_, principal) => {
    const filter = visibleProjectsFilter(principal);
    const projects: ResourceName[] = ["p1", "p2", "p3", "p2t9e9", "p1t1e1"];
    for (const name of projects) {
      const resource: ResourcePath = RESOURCES[name];
      const project = { id: resource.projectId ?? "", teamIds: resource.projectTeamIds ?? [] };
      const projectLevel = { organizationId: "org", projectId: project.id, projectTeamIds: project.teamIds };
      expect(matchesProjectFilter(filter, project)).toBe(canSee(principal, projectLevel));
    }
  });
});

describe("authorizeListing", () => {
  it.each<[string, Principal, Permission, string]>([
    ["CI key (scoped project:read)", ciToken, "project:read", "allow"],
    ["CI key", ciToken, "member:read", "403 missing_permission"],
    ["Member", user("MEMBER"), "member:read", "allow"],
    ["Billing Manager", user("BILLING_MANAGER"), "project:read", "403 missing_permission"],
    ["anonymous", ANON, "project:read", "401 unauthenticated"],
  ])("%s lists with %s → %s", (_, principal, permission, expected) => {
    expect(outcome(authorizeListing(principal, permission, "org"))).toBe(expected);
  });

  it("answers 404 for another organization", () => {
    expect(outcome(authorizeListing(allowAllToken, "project:read", OTHER_ORG))).toBe("404 other_organization");
  });
});
