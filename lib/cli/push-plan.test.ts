import { describe, expect, it } from "vitest";
import { deriveProjectKey, generateSalt, openBlob, parseBlob } from "../crypto";
import { buildBlob, checkPushNames, describePlan, isEmptyPlan, planPush } from "./push-plan";

describe("planPush", () => {
  it("lists names added, changed and removed — never values", () => {
    const plan = planPush(new Map([["KEEP", "1"], ["CHANGE", "old-secret"], ["DROP", "x"]]), new Map([["KEEP", "1"], ["CHANGE", "new-secret"], ["ADD", ""]]));
    expect(plan).toEqual({ added: ["ADD"], changed: ["CHANGE"], removed: ["DROP"] });
    expect(describePlan(plan).join("\n")).not.toMatch(/secret/);
    expect(isEmptyPlan(planPush(new Map([["A", "1"]]), new Map([["A", "1"]])))).toBe(true);
  });

  it("refuses names a level cannot store", () => {
    expect(() => checkPushNames(new Map([["a.b", "1"], ["OK", "2"]]), ".env")).toThrow(/invalid secret name a\.b/);
  });
});

describe("buildBlob", () => {
  it("keeps the ciphertext of unchanged values and seals the others", async () => {
    const { dataKey } = await deriveProjectKey("a passphrase long enough", generateSalt(), 600_000);
    const first = await buildBlob(dataKey, new Map([["A", "1"], ["B", "2"]]), new Map(), {});
    const stored = Object.fromEntries(parseBlob(first));
    const second = await buildBlob(dataKey, new Map([["A", "1"], ["B", "two"], ["C", "3"]]), new Map([["A", "1"], ["B", "2"]]), stored);
    const next = Object.fromEntries(parseBlob(second));
    expect(next.A).toBe(stored.A);
    expect(next.B).not.toBe(stored.B);
    expect(Object.fromEntries(await openBlob(dataKey, second))).toEqual({ A: "1", B: "two", C: "3" });
  });
});
