import { describe, expect, it } from "vitest";
import { compareContents, countChanges } from "./version-compare";

describe("compareContents", () => {
  it("says by name what restoring a version would add, change, remove and keep", () => {
    const rows = compareContents({ A: "1", B: "b", D: "same" }, { A: "2", C: "c", D: "same" });
    expect(rows).toEqual([
      { name: "C", change: "added", version: "c" },
      { name: "A", change: "changed", current: "1", version: "2" },
      { name: "B", change: "removed", current: "b" },
      { name: "D", change: "unchanged", current: "same", version: "same" },
    ]);
    expect(countChanges(rows)).toEqual({ added: 1, changed: 1, removed: 1, unchanged: 1 });
  });

  it("compares empty values as values and empty contents as nothing", () => {
    expect(compareContents({ A: "" }, { A: "x" })[0]!.change).toBe("changed");
    expect(compareContents({}, {})).toEqual([]);
  });
});
