import { describe, expect, it } from "vitest";
import { requiredChecks } from "./requirements";

// What the pre-flight asks authorize() for a call, beside what the use cases ask (lib/services).
const none = { params: {}, query: {}, body: undefined };
const level = { project: "my-app", target: "backend", environment: "production" };

describe("explorer requirements", () => {
  it("ask the endpoint's own permission about the level named in the path", () => {
    expect(requiredChecks("secrets.read.environment", "secret:read", { ...none, params: level })).toEqual([{ permission: "secret:read", on: "level" }]);
    expect(requiredChecks("tokens.list", "token:manage", none)).toEqual([{ permission: "token:manage", on: "organization" }]);
    expect(requiredChecks("teams.read", "team:read", { ...none, params: { team: "ops" } })).toEqual([{ permission: "team:read", on: "team" }]);
  });

  it("add secret:decrypt when decrypting, and follow the retrieve action", () => {
    expect(requiredChecks("secrets.read.environment", "secret:read", { params: level, query: { decrypt: true }, body: undefined }).map((c) => c.permission)).toEqual(["secret:read", "secret:decrypt"]);
    expect(requiredChecks("secrets.retrieve", "secret:read", { ...none, body: { ...level, action: "decrypt" } }).map((c) => c.permission)).toEqual(["secret:read", "secret:decrypt"]);
    expect(requiredChecks("secrets.retrieve", "secret:read", { ...none, body: { ...level, action: "key:retrieve" } })).toEqual([{ permission: "key:retrieve", on: "project" }]);
    expect(requiredChecks("secrets.delete", "secret:write", { ...none, body: { ...level, no_backup: true } }).map((c) => c.permission)).toEqual(["secret:write", "secret:purge"]);
  });

  it("mark lists that filter by scope, and ask nothing for whoami", () => {
    expect(requiredChecks("projects.list", "project:read", none)).toEqual([{ permission: "project:read", on: "organization", listing: true }]);
    expect(requiredChecks("organization.whoami", null, none)).toEqual([]);
  });
});
