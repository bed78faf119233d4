import { describe, expect, it } from "vitest";
import {
  PERMISSIONS,
  PERMISSION_GROUPS,
  allowedScopeKinds,
  deepestScopeLevel,
  describePermission,
  isPermission,
  isScopeable,
  type Permission,
} from "./catalog";

describe("permission catalog (docs/permissions.md#permission-catalog table)", () => {
  it("has the groups and permissions in the spec's order", () => {
    expect(PERMISSION_GROUPS.map((g) => [g.label, g.permissions])).toEqual([
      ["Secrets", ["secret:read", "secret:write", "secret:decrypt", "secret:history", "secret:restore", "secret:purge", "key:retrieve", "key:rotate"]],
      ["Projects", ["project:create", "project:read", "project:update", "project:delete"]],
      ["Targets", ["target:create", "target:read", "target:update", "target:delete"]],
      ["Environments", ["environment:create", "environment:read", "environment:update", "environment:delete"]],
      ["Teams", ["team:create", "team:read", "team:update", "team:delete"]],
      ["Organizations", ["organization:read", "organization:update", "organization:delete"]],
      ["Members", ["member:create", "member:read", "member:update", "member:delete"]],
      ["API Tokens", ["token:manage"]],
      ["Billing", ["billing:read", "billing:manage"]],
      ["Audit log", ["audit:read"]],
    ]);
    expect([...PERMISSIONS]).toEqual(PERMISSION_GROUPS.flatMap((g) => g.permissions));
    expect(new Set(PERMISSIONS).size).toBe(35);
  });

  it("describes every permission", () => {
    for (const permission of PERMISSIONS) expect(describePermission(permission)).toMatch(/\S/);
    expect(describePermission("secret:read")).toBe("Read secrets (ciphertext)");
    expect(describePermission("secret:decrypt")).toBe("Decrypt secrets server-side");
  });

  it.each([
    ["secret:read", true],
    ["audit:read", true],
    ["secret:reveal", false],
    ["", false],
    [42, false],
    [null, false],
  ])("isPermission(%j) = %s", (value, expected) => {
    expect(isPermission(value)).toBe(expected);
  });

  // Deepest scope per permission; "-" = not scopeable, "team" = only to a team.
  const REACH: Record<Permission, string> = {
    "secret:read": "environment", "secret:write": "environment", "secret:decrypt": "environment",
    "secret:history": "environment", "secret:restore": "environment", "secret:purge": "environment",
    "key:retrieve": "project", "key:rotate": "project",
    "project:create": "-", "project:read": "project", "project:update": "project", "project:delete": "project",
    "target:create": "-", "target:read": "target", "target:update": "target", "target:delete": "target",
    "environment:create": "-", "environment:read": "environment", "environment:update": "environment",
    "environment:delete": "environment",
    "team:create": "-", "team:read": "team", "team:update": "team", "team:delete": "team",
    "organization:read": "-", "organization:update": "-", "organization:delete": "-",
    "member:create": "-", "member:read": "-", "member:update": "-", "member:delete": "-",
    "token:manage": "-", "billing:read": "-", "billing:manage": "-", "audit:read": "-",
  };

  it.each(Object.entries(REACH))("%s scopes down to %s", (name, reach) => {
    const permission = name as Permission;
    expect(isScopeable(permission)).toBe(reach !== "-");
    expect(deepestScopeLevel(permission)).toBe(reach === "-" || reach === "team" ? null : reach);
  });

  it("never lets a create permission be scoped", () => {
    for (const p of PERMISSIONS.filter((p) => p.endsWith(":create"))) expect(isScopeable(p)).toBe(false);
  });

  it("offers the scope kinds a form should show", () => {
    expect(allowedScopeKinds("secret:read")).toEqual(["team", "project", "target", "environment"]);
    expect(allowedScopeKinds("target:update")).toEqual(["team", "project", "target"]);
    expect(allowedScopeKinds("key:rotate")).toEqual(["team", "project"]);
    expect(allowedScopeKinds("team:update")).toEqual(["team"]);
    expect(allowedScopeKinds("token:manage")).toEqual([]);
  });

  it("types permissions as a closed union", () => {
    // @ts-expect-error not a permission
    const wrong: Permission = "secret:reveal";
    expect(isPermission(wrong)).toBe(false);
  });
});
