import { describe, expect, it } from "vitest";
import { compareQuery, comparisonRows, type EffectiveColumn } from "./compare";

const column = (entries: Record<string, [source: "project" | "target" | "environment", token: string | null]>): EffectiveColumn =>
  new Map(Object.entries(entries).map(([name, [source, token]]) => [name, { source, token }]));

describe("comparisonRows", () => {
  it("numbers equal values per name in column order and lists where a name is missing", () => {
    const rows = comparisonRows(
      ["backend/staging", "backend/production", "web/production"],
      [
        column({ API_KEY: ["environment", "a"], DB: ["project", "p"], NEW: ["environment", "n"] }),
        column({ API_KEY: ["environment", "b"], DB: ["project", "p"] }),
        column({ API_KEY: ["target", "a"], DB: ["project", "p"] }),
      ],
    );
    expect(rows).toEqual([
      { name: "API_KEY", cells: [{ present: true, source: "environment", group: 1 }, { present: true, source: "environment", group: 2 }, { present: true, source: "target", group: 1 }], missing_in: [], same: false },
      { name: "DB", cells: [1, 1, 1].map((group) => ({ present: true, source: "project", group })), missing_in: [], same: true },
      {
        name: "NEW", cells: [{ present: true, source: "environment", group: 1 }, { present: false, source: null, group: null }, { present: false, source: null, group: null }],
        missing_in: ["backend/production", "web/production"], same: false,
      },
    ]);
  });

  it("says nothing about equality where it is not known (client-managed, on the server)", () => {
    const [row] = comparisonRows(["a/b", "a/c"], [column({ X: ["environment", null] }), column({ X: ["project", null] })]);
    expect(row).toEqual({ name: "X", cells: [{ present: true, source: "environment", group: null }, { present: true, source: "project", group: null }], missing_in: [], same: null });
  });
});

describe("compareQuery", () => {
  it("takes comma-separated target/environment paths", () => {
    expect(compareQuery.parse({ environments: "backend/staging, backend/production,backend/staging" })).toEqual({ environments: ["backend/staging", "backend/production"] });
    expect(compareQuery.parse({})).toEqual({});
    expect(compareQuery.safeParse({ environments: "production" }).success).toBe(false);
    expect(compareQuery.safeParse({ environments: "" }).success).toBe(false);
  });
});
