import { describe, expect, it } from "vitest";
import { PERMISSION_GROUPS, type Permission } from "./catalog";
import { groupAccessOf, groupAccessPermissions, groupReadPermissions } from "./presets";

const group = (id: string) => PERMISSION_GROUPS.find((candidate) => candidate.id === id)!;

describe("per-group access of the API-key form", () => {
  it("reads change nothing: viewing, decrypting and history, never keys or writes", () => {
    expect(groupReadPermissions(group("secrets"))).toEqual(["secret:read", "secret:decrypt", "secret:history"]);
    expect(groupReadPermissions(group("projects"))).toEqual(["project:read"]);
    expect(groupReadPermissions(group("tokens"))).toEqual([]);
    expect(groupReadPermissions(group("audit"))).toEqual(["audit:read"]);
  });

  it("recognises none, read, write, and anything else as custom", () => {
    const secrets = group("secrets");
    const of = (permissions: Permission[]) => groupAccessOf(secrets, new Set(permissions));
    expect(of([])).toBe("none");
    expect(of(["secret:read", "secret:decrypt", "secret:history", "project:read"])).toBe("read");
    expect(of(groupAccessPermissions(secrets, "write"))).toBe("write");
    expect(of(["secret:read"])).toBe("custom");
  });
});
