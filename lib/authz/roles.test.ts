import { describe, expect, it } from "vitest";
import { authorize } from "./authorize";
import { PERMISSIONS, type Permission } from "./catalog";
import { ORG_WIDE_ROLES, ROLE_LABELS, ROLE_MATRIX, ROLES, isRole, roleGrants, type Role } from "./roles";
import { RESOURCES, user } from "./test-fixtures";

// docs/permissions.md#permission-catalog, written out by hand so that any change to roles.ts fails here.
// Columns: OWNER ADMINISTRATOR DEVELOPER MEMBER AUDITOR BILLING_MANAGER API_USER. Y = allowed.
const COLUMNS = [
  "OWNER",
  "ADMINISTRATOR",
  "DEVELOPER",
  "MEMBER",
  "AUDITOR",
  "BILLING_MANAGER",
  "API_USER",
] as const;

const EXPECTED: Record<string, string> = {
  //                     O A D M Au B API
  "secret:read":        "Y Y Y Y Y . Y",
  "secret:write":       "Y Y Y Y . . .",
  "secret:decrypt":     "Y Y Y . . . Y",
  "secret:history":     "Y Y Y Y . . .",
  "secret:restore":     "Y Y Y Y . . .",
  "secret:purge":       "Y Y . . . . .",
  "key:retrieve":       "Y Y Y . . . .",
  "key:rotate":         "Y Y . . . . .",
  "project:create":     "Y Y . . . . .",
  "project:read":       "Y Y Y Y Y . Y",
  "project:update":     "Y Y Y . . . .",
  "project:delete":     "Y Y . . . . .",
  "target:create":      "Y Y Y . . . .",
  "target:read":        "Y Y Y Y Y . Y",
  "target:update":      "Y Y Y . . . .",
  "target:delete":      "Y Y Y . . . .",
  "environment:create": "Y Y Y . . . .",
  "environment:read":   "Y Y Y Y Y . Y",
  "environment:update": "Y Y Y . . . .",
  "environment:delete": "Y Y Y . . . .",
  "team:create":        "Y Y . . . . .",
  "team:read":          "Y Y Y Y Y . .",
  "team:update":        "Y Y . . . . .",
  "team:delete":        "Y Y . . . . .",
  "organization:read":  "Y Y Y Y Y Y Y",
  "organization:update":"Y Y . . . . .",
  "organization:delete":"Y . . . . . .",
  "member:create":      "Y Y . . . . .",
  "member:read":        "Y Y Y Y Y . .",
  "member:update":      "Y Y . . . . .",
  "member:delete":      "Y Y . . . . .",
  "token:manage":       "Y Y . . . . .",
  "billing:read":       "Y . . . Y Y .",
  "billing:manage":     "Y . . . . Y .",
  "audit:read":         "Y Y . . Y . .",
};

const cases = Object.entries(EXPECTED).flatMap(([permission, row]) =>
  row.split(" ").map((cell, column) => ({
    role: COLUMNS[column] as Role,
    permission: permission as Permission,
    allowed: cell === "Y",
  })),
);

describe("role matrix (docs/permissions.md#permission-catalog)", () => {
  it("covers every permission of the catalog, and nothing else", () => {
    expect(Object.keys(EXPECTED)).toEqual([...PERMISSIONS]);
    expect(cases).toHaveLength(PERMISSIONS.length * COLUMNS.length);
  });

  it.each(cases)("$role → $permission = $allowed", ({ role, permission, allowed }) => {
    const decision = authorize(user(role), permission, RESOURCES.p1);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision).toMatchObject({ reason: "missing_permission", status: 403 });
    expect(ROLE_MATRIX[role][permission]).toBe(allowed);
    expect(roleGrants(role).has(permission)).toBe(allowed);
  });
});

describe("roles", () => {
  it("uses the database enum strings and labels", () => {
    expect([...ROLES]).toEqual(COLUMNS);
    expect(ROLE_LABELS).toEqual({
      OWNER: "Owner",
      ADMINISTRATOR: "Administrator",
      DEVELOPER: "Developer",
      MEMBER: "Member",
      AUDITOR: "Auditor",
      BILLING_MANAGER: "Billing Manager",
      API_USER: "API User",
    });
  });

  it("lists the org-wide roles", () => {
    expect([...ORG_WIDE_ROLES].sort()).toEqual(["ADMINISTRATOR", "AUDITOR", "BILLING_MANAGER", "OWNER"]);
  });

  it.each([
    ["OWNER", true],
    ["API_USER", true],
    ["owner", false],
    ["SUPERUSER", false],
    [undefined, false],
  ])("isRole(%s) = %s", (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });

  it("fails closed on a role that is not in the enum", () => {
    expect(() => roleGrants("ROOT" as Role)).toThrow(TypeError);
  });
});
