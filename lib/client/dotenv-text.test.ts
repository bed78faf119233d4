import { describe, expect, test } from "vitest";
import { formatEnvText, parseEnvText } from "./dotenv-text";

describe("parseEnvText", () => {
  test("reads bare, quoted, exported and commented lines", () => {
    const { entries, problems } = parseEnvText(
      ["# comment", "", "export API_KEY=abc123", "URL = https://x.test/a#frag  # trailing", "SINGLE='a $b \\n'", 'DOUBLE="line1\\nline2 \\"q\\""', "EMPTY="].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(entries.map(({ name, value, line }) => [name, value, line])).toEqual([
      ["API_KEY", "abc123", 3],
      ["URL", "https://x.test/a#frag", 4],
      ["SINGLE", "a $b \\n", 5],
      ["DOUBLE", 'line1\nline2 "q"', 6],
      ["EMPTY", "", 7],
    ]);
  });

  test("quoted values may span lines", () => {
    const { entries } = parseEnvText("KEY='-----BEGIN-----\nabc\n-----END-----'\nNEXT=1\r\n");
    expect(entries).toEqual([
      { name: "KEY", value: "-----BEGIN-----\nabc\n-----END-----", line: 1 },
      { name: "NEXT", value: "1", line: 4 },
    ]);
  });

  test("problems carry line numbers and never the value", () => {
    const { entries, problems } = parseEnvText("GOOD=1\nsk_live_secret_without_equals\n1BAD=x\nGOOD=2\nOPEN=\"never closed\nMORE=1");
    expect(entries.map((entry) => entry.name)).toEqual(["GOOD"]);
    expect(problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5]);
    expect(problems[0]!.message).toBe("Line 2: expected NAME=value.");
    expect(problems[2]!.message).toContain("GOOD is already defined on line 1");
    expect(problems.map((problem) => problem.message).join(" ")).not.toContain("sk_live");
  });

  test("text after a closing quote is a problem", () => {
    expect(parseEnvText("A='x' y").problems[0]!.message).toBe("Line 1: unexpected text after the closing quote.");
  });

  test("reads a JSON object too", () => {
    const { entries, problems } = parseEnvText('{"A": "1", "PORT": 8080, "bad name": "x"}');
    expect(entries.map(({ name, value }) => [name, value])).toEqual([["A", "1"], ["PORT", "8080"]]);
    expect(problems).toHaveLength(1);
  });
});

describe("formatEnvText", () => {
  test("round-trips every value", () => {
    const values = ["plain", "", "with space", "multi\nline", "it's", `both ' and "`, "dollar $HOME `tick` \\", "cr\r\nlf", "#hash", "  padded  ", "nul\0char"];
    const entries = values.map((value, index) => [`V${index}`, value] as [string, string]);
    const { entries: read, problems } = parseEnvText(formatEnvText(entries));
    expect(problems).toEqual([]);
    expect(read.map(({ name, value }) => [name, value])).toEqual(entries);
  });
});
