import { describe, expect, it } from "vitest";
import { CliError } from "./errors";
import { displayPath, levelBody, levelOf, levelUrlPath, parseLevelPath } from "./level-path";

describe("parseLevelPath", () => {
  it("reads one to three slugs, optionally led by the organization id", () => {
    expect(parseLevelPath("my-app")).toEqual({ project: "my-app", target: undefined, environment: undefined, organizationId: undefined });
    const deep = parseLevelPath("01ARZ3NDEKTSV4RRFFQ69G5FAV/my-app/backend/production");
    expect(deep).toMatchObject({ organizationId: "01ARZ3NDEKTSV4RRFFQ69G5FAV", project: "my-app", target: "backend", environment: "production" });
    expect(levelOf(deep)).toBe("environment");
    expect(levelUrlPath(deep)).toBe("/my-app/backend/production");
    expect(displayPath(deep)).toBe("my-app/backend/production");
    expect(levelBody(parseLevelPath("my-app/web"))).toEqual({ project: "my-app", target: "web" });
    expect(levelOf(parseLevelPath("/my-app/web/"))).toBe("target");
  });

  it.each(["", "My-App", "a/b/c/d", "a//b", "a/../b", "-x", "a/b?c", "a/%2e"])("refuses %j", (text) => {
    expect(() => parseLevelPath(text)).toThrow(CliError);
  });
});
