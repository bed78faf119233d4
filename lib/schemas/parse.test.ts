import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput, unstorableText } from "./parse";

describe("parseInput refuses text PostgreSQL cannot store, wherever it is", () => {
  const schema = z.object({ name: z.string(), tags: z.record(z.string(), z.array(z.string())).optional() });

  it.each([
    ["a NUL", { name: "a\u0000b" }, "name"],
    ["a lone high surrogate", { name: "x\ud800" }, "name"],
    ["a lone low surrogate", { name: "\udc00x" }, "name"],
    ["one deep in an array", { name: "ok", tags: { db: ["fine", "bad\u0000"] } }, "tags.db.1"],
    ["an object key", { name: "ok", tags: { "k\ud800": [] } }, "tags"],
  ])("%s → 422 validation_failed naming the field", (_, value, path) => {
    expect(() => parseInput(schema, value)).toThrow(expect.objectContaining({ code: "validation_failed", status: 422, details: [expect.objectContaining({ path })] }));
  });

  it("a query string's problem is a 400 invalid_request", () => {
    expect(() => parseInput(z.object({ cursor: z.string() }), { cursor: "\u0000" }, "invalid_request")).toThrow(expect.objectContaining({ code: "invalid_request", status: 400 }));
  });

  it("accepts every other character, paired surrogates (emoji) included", () => {
    expect(parseInput(schema, { name: "😀 ü ✓ \t\n" })).toEqual({ name: "😀 ü ✓ \t\n" });
    expect(unstorableText({ a: ["😀", { b: "é" }] })).toBeNull();
  });
});
