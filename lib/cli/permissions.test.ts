import { describe, expect, it } from "vitest";
import { permissionCovers, type GrantView } from "./permissions";

const path = { project: "my-app", target: "backend", environment: "production" };

describe("permissionCovers", () => {
  it.each<[string, GrantView[], boolean]>([
    ["unscoped", [{ permission: "secret:decrypt" }], true],
    ["another permission", [{ permission: "secret:read" }], false],
    ["the project", [{ permission: "secret:decrypt", scope: { project: "my-app" } }], true],
    ["another project", [{ permission: "secret:decrypt", scope: { project: "other" } }], false],
    ["the environment", [{ permission: "secret:decrypt", scope: { project: "my-app", target: "backend", environment: "production" } }], true],
    ["a sibling environment", [{ permission: "secret:decrypt", scope: { project: "my-app", target: "backend", environment: "staging" } }], false],
    ["a team (only the server knows)", [{ permission: "secret:decrypt", scope: { team: "ops" } }], true],
  ])("a grant on %s", (_, grants, expected) => {
    expect(permissionCovers(grants, "secret:decrypt", path)).toBe(expected);
  });

  it("a grant on an environment does not cover its target's own level", () => {
    const grants = [{ permission: "secret:write", scope: { project: "my-app", target: "backend", environment: "production" } }];
    expect(permissionCovers(grants, "secret:write", { project: "my-app", target: "backend" })).toBe(false);
  });
});
