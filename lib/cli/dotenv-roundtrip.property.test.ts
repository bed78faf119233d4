import { parse } from "dotenv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dotenvFile, dotenvProblem } from "@/lib/dotenv/format";
import { readDotenv, readSecretsText } from "@/lib/dotenv/parse";
import { render } from "./formats";
import { fileEntries } from "./push-plan";

// Write → read is the identity for every value a .env line can carry, whichever way a file goes
// (the test lives here because lib/cli may import lib/dotenv, where the dashboard's functions are):
//   - the dashboard: "Edit as text" and "Export .env" write with dotenvFile, text mode reads with
//     readDotenv and "Import .env" with readSecretsText;
//   - the CLI: `dotenv export --format=dotenv` writes with render, `dotenv push` reads with
//     fileEntries(readDotenv(…));
//   - raw=true (the API) writes with the same formatDotenv (lib/services/secrets/raw-roundtrip.db.test.ts
//     runs it through the real use case), and apps read it with the `dotenv` package.
// A value no line carries is refused on every path, never written so that it reads back as another.

const TRICKY = ["'", '"', "$", "`", "\\", "\n", "\r", "\0", "#", " ", "\t", "=", ":", "a", "Z", "0", "n", "r", "\u2028", "é", "🔑", "{", "}", "~", "-", "export "];
const valueArbitrary = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 24 }),
);
const nameArbitrary = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/).filter((name) => name !== "__proto__");
const entriesArbitrary = fc.uniqueArray(fc.tuple(nameArbitrary, valueArbitrary), { selector: ([name]) => name, maxLength: 8 });

const RUNS = { numRuns: 400 };
const carried = (entries: [string, string][]) => entries.every(([, value]) => dotenvProblem(value) === null);
const asPairs = (read: { entries: { name: string; value: string }[] }) => read.entries.map(({ name, value }) => [name, value]);

describe("write → read is the identity", () => {
  it("through the dashboard (text mode, export, import)", () => {
    fc.assert(
      fc.property(entriesArbitrary.filter(carried), (entries) => {
        const file = dotenvFile(entries);
        if (!("text" in file)) throw new Error("refused a value a .env line carries");
        const textMode = readDotenv(file.text);
        expect(textMode.problems).toEqual([]);
        expect(asPairs(textMode)).toEqual(entries);
        expect(asPairs(readSecretsText(file.text))).toEqual(entries);
      }),
      RUNS,
    );
  });

  it("through the CLI (export, then push)", () => {
    fc.assert(
      fc.property(entriesArbitrary.filter(carried), (entries) => {
        const text = render("dotenv", new Map(entries));
        expect([...fileEntries(readDotenv(text), ".env")]).toEqual(entries);
      }),
      RUNS,
    );
  });

  it("for apps reading the same text with the dotenv package", () => {
    fc.assert(
      fc.property(entriesArbitrary.filter(carried), (entries) => {
        const text = render("dotenv", new Map(entries));
        expect(parse(text)).toEqual(Object.fromEntries(entries));
      }),
      RUNS,
    );
  });
});

describe("a value no .env line carries", () => {
  it("is refused by name on every path", () => {
    fc.assert(
      fc.property(entriesArbitrary.filter((entries) => !carried(entries)), (entries) => {
        const refused = entries.filter(([, value]) => dotenvProblem(value) !== null).map(([name]) => name);
        expect(dotenvFile(entries)).toEqual({ refused });
        expect(() => render("dotenv", new Map(entries))).toThrow(refused[0]);
      }),
      { numRuns: 200 },
    );
  });
});
