import { describe, expect, it } from "vitest";
import { effectiveSecrets, filterSecrets, overridesText } from "./inheritance";

const levels = {
  project: { LOG_LEVEL: "info", DATABASE_URL: "p-db", API_URL: "p-api" },
  target: { DATABASE_URL: "t-db", API_URL: "t-api", WORKERS: "4" },
  environment: { DATABASE_URL: "e-db", SENTRY_DSN: "dsn" },
};

describe("effectiveSecrets", () => {
  it("takes each name from the most specific level and lists what it overrides, nearest first", () => {
    expect(effectiveSecrets(levels)).toEqual([
      { name: "API_URL", source: "target", overrides: ["project"], values: { project: "p-api", target: "t-api" } },
      { name: "DATABASE_URL", source: "environment", overrides: ["target", "project"], values: { project: "p-db", target: "t-db", environment: "e-db" } },
      { name: "LOG_LEVEL", source: "project", overrides: [], values: { project: "info" } },
      { name: "SENTRY_DSN", source: "environment", overrides: [], values: { environment: "dsn" } },
      { name: "WORKERS", source: "target", overrides: [], values: { target: "4" } },
    ]);
  });

  it("treats missing and empty levels alike, and keeps empty values as defined", () => {
    expect(effectiveSecrets({ project: {}, environment: { EMPTY: "" } })).toEqual([{ name: "EMPTY", source: "environment", overrides: [], values: { environment: "" } }]);
    expect(effectiveSecrets({})).toEqual([]);
  });
});

describe("filterSecrets", () => {
  const all = effectiveSecrets(levels);
  const names = (list: { name: string }[]) => list.map((secret) => secret.name);

  it("filters overridden names, names from one level, and by case-insensitive search", () => {
    expect(names(filterSecrets(all, "overridden"))).toEqual(["API_URL", "DATABASE_URL"]);
    expect(names(filterSecrets(all, "target"))).toEqual(["API_URL", "WORKERS"]);
    expect(names(filterSecrets(all, "environment", "sentry"))).toEqual(["SENTRY_DSN"]);
    expect(names(filterSecrets(all, "all", "  url "))).toEqual(["API_URL", "DATABASE_URL"]);
    expect(filterSecrets(all, "project", "nothing")).toEqual([]);
  });
});

describe("overridesText", () => {
  it("says what a name overrides in words", () => {
    expect(overridesText(["target", "project"])).toBe("overrides target, project");
    expect(overridesText([])).toBeNull();
  });
});
