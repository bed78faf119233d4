import { describe, expect, it } from "vitest";
import type { Endpoint } from "./endpoint";
import { matchPath } from "./match";

const endpoint = (id: string, method: string, path: string) => ({ id, method, path }) as unknown as Endpoint;
const ENDPOINTS = [
  endpoint("project", "GET", "/{organization}/{project}"),
  endpoint("projects", "GET", "/{organization}/projects"),
  endpoint("create-project", "POST", "/{organization}/projects"),
  endpoint("secrets", "GET", "/{organization}/{project}/{target}/{environment}/secrets"),
  endpoint("health", "GET", "/health"),
];
const ids = (path: string) => matchPath(ENDPOINTS, path.split("/").filter(Boolean)).map((match) => match.endpoint.id);

describe("matchPath", () => {
  it("puts a static segment before a parameter at the same position, whatever the list's order", () => {
    expect(ids("/org/projects")).toEqual(["projects", "create-project", "project"]);
    expect(matchPath([...ENDPOINTS].reverse(), ["org", "projects"]).map((match) => match.endpoint.id)).toEqual(["create-project", "projects", "project"]);
  });

  it("names each parameter's segment", () => {
    const [match] = matchPath(ENDPOINTS, ["01J", "my-app", "backend", "production", "secrets"]);
    expect(match?.endpoint.id).toBe("secrets");
    expect(match?.params).toEqual({ organization: "01J", project: "my-app", target: "backend", environment: "production" });
  });

  it("matches nothing of another length or with another literal", () => {
    expect(ids("/org/my-app/backend/production")).toEqual([]);
    expect(ids("/org/my-app/backend/production/secret")).toEqual([]);
    expect(ids("/healthz")).toEqual([]);
    expect(ids("/")).toEqual([]);
  });
});
