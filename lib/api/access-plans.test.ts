import { describe, expect, it } from "vitest";
import { PERMISSIONS, READ_ONLY_PRESET, ROLE_MATRIX, isScopeable, permissionArea, type Grant, type Permission, type ResourcePath, type TokenPrincipal } from "@/lib/authz";
import { judge, type ResolvedPlan } from "@/lib/services/access/enforce";
import { COLUMNS, expected, MATRIX, type Column } from "@/e2e/api/authz-matrix.table";
import { documentedPermission, type Endpoint } from "./endpoint";
import { ENDPOINTS } from "./endpoints";

// The hand-written authorization matrix (e2e/api/authz-matrix.table.ts) against every endpoint's
// access plan, judged by the very function the router enforces plans with — no server, no
// database. The Playwright spec checks the same table over real HTTP, so the table, the plans and
// the API can only change together. Columns that fail before any plan is asked (anonymous, expired,
// revoked, another organization) are the router's business and are left to the HTTP test.

const ORG = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
// The matrix fixture: my-app → backend → production, project "other", team "matrix-team", and the
// throwaway nodes some sample requests create (a fresh project, target or environment).
const ID = { myApp: "P-my-app", other: "P-other", backend: "T-backend", production: "E-production", team: "TM-matrix", fresh: "fresh" };

const grants = (permissions: readonly Permission[], scope?: Grant["scope"]): Grant[] => permissions.map((permission) => (scope ? { permission, scope } : { permission }));
const role = (name: keyof typeof ROLE_MATRIX) => grants(PERMISSIONS.filter((permission) => ROLE_MATRIX[name][permission]));
const hierarchy = PERMISSIONS.filter((permission) => isScopeable(permission) && permissionArea(permission) === "hierarchy");

const PLAN_COLUMNS: Partial<Record<Column, Grant[]>> = {
  owner: grants(PERMISSIONS),
  admin: role("ADMINISTRATOR"),
  developer: role("DEVELOPER"),
  member: role("MEMBER"),
  auditor: role("AUDITOR"),
  billing: role("BILLING_MANAGER"),
  api_user: role("API_USER"),
  read_only: grants(READ_ONLY_PRESET),
  env_scoped: [{ permission: "organization:read" }, ...grants(["secret:read", "secret:decrypt", "environment:read"], { project: ID.myApp, target: ID.backend, environment: ID.production })],
  project_scoped: [{ permission: "organization:read" }, ...grants(hierarchy, { project: ID.myApp })],
  other_project: [{ permission: "organization:read" }, ...grants(hierarchy, { project: ID.other })],
};

/** The resources the sample request of a row touches (see the samples in authz-matrix.spec.ts). */
function resourcesOf(row: string): ResolvedPlan["resources"] {
  const organization: ResourcePath = { organizationId: ORG };
  const myApp: ResourcePath = { organizationId: ORG, projectId: ID.myApp, projectTeamIds: [] };
  const fresh = (node: "project" | "target" | "environment"): ResourcePath =>
    node === "project" ? { ...myApp, projectId: ID.fresh } : node === "target" ? { ...myApp, targetId: ID.fresh } : { ...myApp, targetId: ID.backend, environmentId: ID.fresh };
  let level: ResourcePath = myApp;
  if (/\/keys\/(verification|check|rotate|custody|reencrypt-history)$|^DELETE \/\{organization\}\/projects\/\{project\}$/.test(row)) level = fresh("project");
  else if (/^DELETE .*\/targets\/\{target\}$/.test(row)) level = fresh("target");
  else if (/^DELETE .*\/environments\/\{environment\}$|secrets\/delete$/.test(row)) level = fresh("environment");
  else if (/\{environment\}|secrets\/(retrieve|store)$/.test(row)) level = { ...myApp, targetId: ID.backend, environmentId: ID.production };
  else if (/\{target\}/.test(row)) level = { ...myApp, targetId: ID.backend };
  const project: ResourcePath = { organizationId: ORG, projectId: level.projectId!, projectTeamIds: [] };
  return { organization, level, project, team: { organizationId: ORG, teamId: ID.team } };
}

function outcome(endpoint: Endpoint, row: string, grantsHeld: Grant[]): string {
  const principal: TokenPrincipal = { kind: "token", tokenId: "matrix", organizationId: ORG, grants: grantsHeld };
  const plan = endpoint.requires({ params: {}, query: {}, body: {} });
  for (const check of plan.checks) {
    const decision = judge(principal, check, resourcesOf(row));
    if (!decision.allowed) return decision.status === 404 ? "4" : "3";
  }
  return "A";
}

const rowOf = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.path}`;

describe("every endpoint's access plan agrees with the authorization matrix", () => {
  it("has a row for every endpoint, and an endpoint for every row", () => {
    expect(ENDPOINTS.map(rowOf).filter((row) => !(row in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((row) => !ENDPOINTS.some((endpoint) => rowOf(endpoint) === row))).toEqual([]);
  });

  for (const endpoint of ENDPOINTS.filter((candidate) => !candidate.public)) {
    const row = rowOf(endpoint);
    it(`${row} (${documentedPermission(endpoint) ?? "any caller"})`, () => {
      const cells = expected(row);
      const got = COLUMNS.filter((column) => column in PLAN_COLUMNS).map((column) => `${column}=${outcome(endpoint, row, PLAN_COLUMNS[column]!)}`);
      const want = COLUMNS.filter((column) => column in PLAN_COLUMNS).map((column) => `${column}=${cells[column]}`);
      expect(got).toEqual(want);
    });
  }
});
