import { describe, expect, test } from "vitest";
import { readSecretsText } from "@/lib/dotenv/parse";
import {
  applyText, conflictItems, draftText, importPreview, isDirty, mergeImport, newRow, normalizeName, resolveConflict, reviewDraft, rowState,
  rowsFromBaseline, savePlan, suggestedName, validateRows, type Baseline,
} from "./secret-draft";

const base: Baseline = { version: 3, entries: { API_KEY: "c-api", DB_URL: "c-db", DEBUG: "c-debug" }, tags: { DB_URL: ["db"] } };
const known = { API_KEY: "sk_1", DB_URL: "postgres://x", DEBUG: "false" };

describe("row states and save plan", () => {
  test("a fresh draft is clean and re-sends ciphertext only", () => {
    const rows = rowsFromBaseline(base);
    expect(isDirty(rows, base, known)).toBe(false);
    expect(savePlan(rows, base, {})).toEqual({
      entries: [{ name: "API_KEY", ciphertext: "c-api" }, { name: "DB_URL", ciphertext: "c-db" }, { name: "DEBUG", ciphertext: "c-debug" }],
      tags: { DB_URL: ["db"] },
    });
  });

  test("added, changed, removed; a value set back to the known one is unchanged", () => {
    const rows = rowsFromBaseline(base);
    rows[0]!.value = "sk_2";
    rows[1]!.removed = true;
    rows[2]!.value = "false";
    rows.push(newRow("NEW_ONE", "v"), newRow());
    expect(rows.map((row) => rowState(row, base, known))).toEqual(["changed", "removed", "unchanged", "added", "added"]);
    expect(savePlan(rows, base, known).entries).toEqual([
      { name: "API_KEY", value: "sk_2" }, { name: "DEBUG", ciphertext: "c-debug" }, { name: "NEW_ONE", value: "v" },
    ]);
    const review = reviewDraft(rows, base, known);
    expect(review.added.map((item) => item.name)).toEqual(["NEW_ONE"]);
    expect(review.changed.map((item) => [item.name, item.before, item.after])).toEqual([["API_KEY", "sk_1", "sk_2"]]);
    expect(review.removed.map((item) => item.name)).toEqual(["DB_URL"]);
  });

  test("a writer who cannot see values sets a new one; the others stay ciphertext", () => {
    const rows = rowsFromBaseline(base);
    rows[0]!.value = "typed";
    expect(savePlan(rows, base, {}).entries[0]).toEqual({ name: "API_KEY", value: "typed" });
    expect(reviewDraft(rows, base, {}).changed[0]!.before).toBeUndefined();
  });

  test("tag edits count as changes", () => {
    const rows = rowsFromBaseline(base);
    rows[1]!.tagsText = "db, critical";
    expect(rowState(rows[1]!, base, known)).toBe("changed");
    expect(savePlan(rows, base, known).tags).toEqual({ DB_URL: ["db", "critical"] });
  });
});

describe("key hygiene", () => {
  test("spaces become underscores one for one; uppercase is suggested", () => {
    expect(normalizeName("api key  x")).toBe("api_key__x");
    expect(suggestedName("api_key")).toBe("API_KEY");
    expect(suggestedName("API_KEY")).toBeNull();
  });

  test("invalid names, duplicates, bad tags and blind renames block the save at their row", () => {
    const rows = [...rowsFromBaseline(base), newRow("1BAD", "x"), newRow("API_KEY", "y"), newRow("", "z"), newRow()];
    rows[1]!.tagsText = "Not A Slug!";
    rows[2]!.name = "DEBUG_MODE";
    const problems = validateRows(rows, {});
    expect(problems.get(rows[3]!.id)).toContain("Names start with a letter");
    expect(problems.get(rows[4]!.id)).toBe("API_KEY is already used in this level.");
    expect(problems.get(rows[5]!.id)).toBe("Enter a name.");
    expect(problems.get(rows[1]!.id)).toContain("Tags are short slugs");
    expect(problems.get(rows[2]!.id)).toContain("Set a value to rename");
    expect(problems.has(rows[6]!.id)).toBe(false);
    expect(validateRows(rows, known).has(rows[2]!.id)).toBe(false);
  });
});

describe("import and raw mode", () => {
  test("the preview flags new, changed and unchanged names, then merges into the draft", () => {
    const rows = rowsFromBaseline(base);
    const { entries } = readSecretsText("API_KEY=sk_1\nDEBUG=true\nNEW=1");
    expect(importPreview(rows, entries, known).map((item) => [item.name, item.kind])).toEqual([
      ["API_KEY", "unchanged"], ["DEBUG", "changed"], ["NEW", "new"],
    ]);
    expect(importPreview(rows, entries, {}).find((item) => item.name === "API_KEY")!.replacesHidden).toBe(true);
    const merged = mergeImport(rows, entries, known);
    expect(merged.map((row) => [row.name, rowState(row, base, known)])).toEqual([
      ["API_KEY", "unchanged"], ["DB_URL", "unchanged"], ["DEBUG", "changed"], ["NEW", "added"],
    ]);
  });

  test("raw text is the whole level: names left out are removed, the draft survives the round trip", () => {
    const rows = rowsFromBaseline(base);
    rows.push(newRow("EXTRA", "e"));
    const text = draftText(rows, known)!;
    expect(text.map(([name]) => name)).toEqual(["API_KEY", "DB_URL", "DEBUG", "EXTRA"]);
    const applied = applyText(rows, readSecretsText("API_KEY=sk_1\nDEBUG=on\n").entries, known);
    expect(applied.map((row) => [row.name, rowState(row, base, known)])).toEqual([
      ["API_KEY", "unchanged"], ["DB_URL", "removed"], ["DEBUG", "changed"],
    ]);
    expect(draftText(rowsFromBaseline(base), {})).toBeNull();
  });
});

describe("conflicts", () => {
  test("both sides per name; resolution stages the chosen side on top of theirs", () => {
    const rows = rowsFromBaseline(base);
    rows[0]!.value = "mine_api"; // both changed API_KEY
    rows[2]!.removed = true; // only I removed DEBUG
    rows.push(newRow("MINE_NEW", "m"));
    const theirs: Baseline = { version: 4, entries: { API_KEY: "c-api-2", DB_URL: "c-db-2", DEBUG: "c-debug", THEIR_NEW: "c-t" }, tags: { DB_URL: ["db"] } };
    const theirsKnown = { API_KEY: "their_api", DB_URL: "postgres://y", DEBUG: "false", THEIR_NEW: "t" };
    const items = conflictItems(base, known, rows, theirs, theirsKnown);
    expect(items.map((item) => [item.name, item.mineChanged, item.theirsChanged, item.preferred])).toEqual([
      ["API_KEY", true, true, "mine"],
      ["DB_URL", false, true, "theirs"],
      ["DEBUG", true, false, "mine"],
      ["THEIR_NEW", false, true, "theirs"],
      ["MINE_NEW", true, false, "mine"],
    ]);
    expect(items[0]!.theirs.value).toBe("their_api");
    expect(items[0]!.mine.value).toBe("mine_api");

    const resolved = resolveConflict(items, { API_KEY: "theirs" }, theirs);
    expect(resolved.map((row) => [row.name, rowState(row, theirs, theirsKnown)])).toEqual([
      ["API_KEY", "unchanged"], ["DB_URL", "unchanged"], ["DEBUG", "removed"], ["THEIR_NEW", "unchanged"], ["MINE_NEW", "added"],
    ]);
    expect(savePlan(resolved, theirs, theirsKnown).entries).toEqual([
      { name: "API_KEY", ciphertext: "c-api-2" }, { name: "DB_URL", ciphertext: "c-db-2" }, { name: "THEIR_NEW", ciphertext: "c-t" }, { name: "MINE_NEW", value: "m" },
    ]);
  });

  test("keeping my unchanged ciphertext over their change works without seeing values", () => {
    const rows = rowsFromBaseline(base);
    rows.push(newRow("X", "1"));
    const theirs: Baseline = { version: 4, entries: { ...base.entries, DEBUG: "c-debug-2" }, tags: base.tags };
    const items = conflictItems(base, {}, rows, theirs, {});
    const debug = items.find((item) => item.name === "DEBUG")!;
    expect(debug.preferred).toBe("theirs");
    const resolved = resolveConflict(items, { DEBUG: "mine" }, theirs);
    expect(savePlan(resolved, theirs, {}).entries.find((entry) => entry.name === "DEBUG")).toEqual({ name: "DEBUG", ciphertext: "c-debug" });
  });
});
