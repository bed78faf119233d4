import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { dotenvProblem, formatDocker, formatDotenv, formatJson, formatShell, quoteDotenvValue, UnrepresentableValueError } from "./format";

// Every value is written, then read back by dotenv's parser (both its parsers) and by a POSIX shell
// (`set -a; . file`, as a deploy script would), and must come back byte for byte.

const TRICKY: Record<string, string> = {
  EMPTY: "",
  PLAIN: "info",
  URL: "postgres://app:change-me@db.internal:5432/app?sslmode=require",
  CIPHERTEXT: "k7sBvP2xQ1m9Yb3eGf8nRwTzA4hLcD6oXyU0iJpKqNrShV+/ab==",
  SINGLE_QUOTE: "it's",
  ONLY_SINGLE_QUOTE: "'",
  DOUBLE_QUOTES: 'say "hi"',
  DOLLAR: "$HOME and ${PATH} and $1",
  BACKTICKS: "`id` and `rm -rf /`",
  COMMAND_SUBSTITUTION: "$(touch /tmp/dotenv-pwned)",
  NEWLINES: "line one\nline two\n\nline four\n",
  LEADING_NEWLINE: "\nstarts with a newline",
  EQUALS: "a=b==c",
  UNICODE: "héllo wörld 🔑 日本語 \u2028 \u00a0",
  SPACES: "  leading and trailing  ",
  HASH: "# not a comment",
  INLINE_HASH: "value # with a hash",
  BACKSLASHES: "C:\\path\\to\\n\\r\\t",
  TRAILING_BACKSLASH: "ends with \\",
  AFTER_TRAILING_BACKSLASH: "#looks like a comment",
  QUOTE_AND_NEWLINE: "it's\nmultiline",
  TILDE: "~/file",
  SEMICOLON: "a; echo injected",
  JSON: '{"key": [1, 2, {"nested": true}]}',
  PRIVATE_KEY: "-----BEGIN KEY-----\nMIIB+/=\n-----END KEY-----",
  EXPORT_LOOKALIKE: "export OTHER=1",
  ASSIGNMENT_LINE: "x\nINJECTED=yes",
};

function readWithShell(text: string, names: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-format-"));
  const file = path.join(dir, "test.env");
  fs.writeFileSync(file, text);
  try {
    // Prints each named variable followed by a NUL, so newlines and empty values survive.
    const script = 'set -a; . "$1"; shift; for name in "$@"; do eval "printf \'%s\\0\' \\"\\${$name}\\""; done';
    const output = execFileSync("sh", ["-c", script, "sh", file, ...names], { encoding: "utf8", env: { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin" } });
    return output.split("\0").slice(0, -1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("formatDotenv", () => {
  const text = formatDotenv(TRICKY);

  it("is read back exactly by dotenv's parser, with nothing extra", () => {
    expect(parse(text)).toEqual(TRICKY);
    expect(parse(text, { fast: true })).toEqual(TRICKY);
  });

  it("is read back exactly by a POSIX shell, and runs nothing", () => {
    const names = Object.keys(TRICKY);
    const values = readWithShell(text, [...names, "INJECTED", "OTHER"]);
    expect(Object.fromEntries(names.map((name, index) => [name, values[index]]))).toEqual(TRICKY);
    expect(values.slice(names.length)).toEqual(["", ""]);
    expect(fs.existsSync("/tmp/dotenv-pwned")).toBe(false);
  });

  it("writes plain values and ciphertext bare, and quotes everything else", () => {
    expect(quoteDotenvValue("info")).toBe("info");
    expect(quoteDotenvValue("k7sB+/ab==")).toBe("k7sB+/ab==");
    expect(quoteDotenvValue("")).toBe("''");
    expect(quoteDotenvValue("~/x")).toBe("'~/x'");
    expect(quoteDotenvValue("$x")).toBe("'$x'");
    expect(quoteDotenvValue("it's")).toBe(`"it's"`);
    expect(text).toContain("CIPHERTEXT=k7sBvP2xQ1m9Yb3eGf8nRwTzA4hLcD6oXyU0iJpKqNrShV+/ab==\n");
  });

  it("guards a trailing backslash so the next line is not swallowed", () => {
    const guarded = formatDotenv([["A", "ends\\"], ["B", "#x"], ["C", "   \nnext"]]);
    expect(guarded).toContain("A='ends\\'\n# 'A' ends with a backslash");
    expect(parse(guarded)).toEqual({ A: "ends\\", B: "#x", C: "   \nnext" });
    expect(readWithShell(guarded, ["A", "B", "C"])).toEqual(["ends\\", "#x", "   \nnext"]);
  });

  it("accepts a Map or pairs and keeps their order", () => {
    expect(formatDotenv(new Map([["B", "2"], ["A", "1"]]))).toBe("B=2\nA=1\n");
    expect(formatDotenv([])).toBe("");
  });

  it("refuses values no line can carry for both readers, naming them and never their values", () => {
    const cases = { CR: "a\r\nb", NUL: "a\0b", QUOTES: `it's "x"`, QUOTE_DOLLAR: "it's $x", QUOTE_BACKTICK: "'`'", QUOTE_BACKSLASH: "it's\\" };
    for (const value of Object.values(cases)) expect(dotenvProblem(value)).not.toBeNull();
    try {
      formatDotenv({ OK: "fine", ...cases });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnrepresentableValueError);
      expect((error as UnrepresentableValueError).names).toEqual(Object.keys(cases));
      for (const value of Object.values(cases)) expect((error as Error).message).not.toContain(value);
    }
  });

  it("refuses invalid names", () => {
    expect(() => formatDotenv({ "BAD-NAME": "x" })).toThrow(TypeError);
    expect(() => formatDotenv({ "A\nB": "x" })).toThrow(TypeError);
  });
});

describe("formatShell", () => {
  // Everything but NUL, carriage returns and the quote/backslash mixes .env refuses included.
  const values = { ...TRICKY, CR: "a\r\nb\r", QUOTES: `it's "x" $y \\`, ONLY_QUOTES: "''" };

  it.each(["sh", "bash"])("is read back exactly by %s's eval, and runs nothing", (shell) => {
    const names = Object.keys(values);
    const script = 'eval "$1"; shift; for name in "$@"; do eval "printf \'%s\\0\' \\"\\${$name}\\""; done';
    const output = execFileSync(shell, ["-c", script, shell, formatShell(values), ...names, "INJECTED"], {
      encoding: "utf8", env: { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
    const read = output.split("\0").slice(0, -1);
    expect(Object.fromEntries(names.map((name, index) => [name, read[index]]))).toEqual(values);
    expect(read.at(-1)).toBe("");
    expect(fs.existsSync("/tmp/dotenv-pwned")).toBe(false);
  });

  it("exports each name and refuses only NUL", () => {
    expect(formatShell({ A: "it's" })).toBe("export A='it'\\''s'\n");
    expect(() => formatShell({ OK: "x", BAD: "a\0b" })).toThrow(UnrepresentableValueError);
  });
});

describe("formatDocker and formatJson", () => {
  it("writes docker env-file lines literally and refuses line breaks", () => {
    expect(formatDocker({ A: "it's \"$x\" `y`", B: "", C: "a=b" })).toBe("A=it's \"$x\" `y`\nB=\nC=a=b\n");
    try {
      formatDocker({ OK: "x", NL: "a\nb", CR: "a\r", NUL: "\0" });
      expect.unreachable();
    } catch (error) {
      expect((error as UnrepresentableValueError).names).toEqual(["NL", "CR", "NUL"]);
    }
  });

  it("writes JSON that parses back to every value", () => {
    expect(JSON.parse(formatJson(TRICKY))).toEqual(TRICKY);
    expect(Object.keys(JSON.parse(formatJson(new Map([["B", "1"], ["A", "2"]]))))).toEqual(["B", "A"]);
  });
});
