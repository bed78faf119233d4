import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { formatDotenv } from "./format";
import { readDotenv, readSecretsText } from "./parse";

// The reader must give every value exactly as the real `dotenv` parser does, and say where a file
// does not mean what it seems to (which dotenv skips or overwrites silently).

const values = (text: string) => Object.fromEntries(readDotenv(text).entries.map((entry) => [entry.name, entry.value]));

const CLEAN_FILES = [
  "A=1\nB=two words\nC='single $x'\nD=\"double\\nnewline\"\nE=`back tick`\n",
  "export A=1\n  B = spaced  \n# comment\nC=value # trailing comment\nD=#not-comment?\n",
  "MULTI=\"line one\nline two\"\nNEXT=after\n",
  "EMPTY=\nQUOTED_EMPTY=''\n",
  "WIN=crlf\r\nMAC=cr\rLAST=x",
  "COLON: yaml style\n",
  "ESC='it\\'s'\nDQ=\"say \\\"hi\\\"\"\n",
  "HASH=a#b\nQUOTE=\"\\\"\"\nSLASHES=\"\\\\\"\nBARE_SLASHES=a\\\\b\n",
  formatDotenv({ A: "it's", B: "$(touch /tmp/x)", C: "ends \\", D: "#x", E: "line\nbreak", F: "", G: "héllo 🔑", H: "a=b" }),
];

describe("readDotenv", () => {
  it.each(CLEAN_FILES.map((file, index) => [index, file] as const))("reads file %i exactly like dotenv.parse, without problems", (_, file) => {
    const read = readDotenv(file);
    expect(read.problems).toEqual([]);
    expect(values(file)).toEqual(parse(file));
  });

  it("reads a#b, \\\" and \\\\ as dotenv does (the readers used to disagree here)", () => {
    expect(values('HASH=a#b\nQUOTE="say \\"hi\\""\nSLASHES="C:\\\\dir"\n')).toEqual({ HASH: "a", QUOTE: 'say \\"hi\\"', SLASHES: "C:\\\\dir" });
  });

  it("numbers entries by the line of their name, across multi-line values", () => {
    const read = readDotenv("# head\n\nKEY='-----BEGIN-----\nabc\n-----END-----'\nexport NEXT=1\r\n");
    expect(read.entries).toEqual([
      { name: "KEY", value: "-----BEGIN-----\nabc\n-----END-----", line: 3 },
      { name: "NEXT", value: "1", line: 6 },
    ]);
  });

  it("reports what dotenv would skip or overwrite, by line, never quoting a value", () => {
    const read = readDotenv("GOOD=1\nsk_live_secret_without_equals\n1BAD=x\nGOOD=2\nOPEN=\"never closed\nMORE=1\nweb.port=80");
    expect(read.entries.map((entry) => entry.name)).toEqual(["GOOD", "MORE"]);
    expect(read.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5, 7]);
    expect(read.problems[0]!.message).toBe("Line 2: expected NAME=value.");
    expect(read.problems[1]!.message).toContain("Line 3: not a valid name");
    expect(read.problems[2]!.message).toBe("Line 4: GOOD is already defined on line 1.");
    expect(read.problems[3]!.message).toContain("OPEN opens a \" quote that is never closed");
    expect(read.problems[4]!.message).toContain("Line 7: not a valid name");
    expect(read.problems.map((problem) => problem.message).join(" ")).not.toMatch(/sk_live|never closed"|80/);
  });

  it("keeps the values dotenv gives for the names it reads without a problem", () => {
    const file = "A=1\nnonsense\nB='x y'\n";
    expect(values(file)).toEqual(parse(file));
  });
});

describe("readSecretsText (what people paste)", () => {
  it("reads .env text with the same reader", () => {
    expect(readSecretsText("A=a#b\n")).toEqual(readDotenv("A=a#b\n"));
  });

  it("reads a JSON object of NAME: value too", () => {
    const { entries, problems } = readSecretsText('{"A": "1", "PORT": 8080, "bad name": "x"}');
    expect(entries.map(({ name, value }) => [name, value])).toEqual([["A", "1"], ["PORT", "8080"]]);
    expect(problems).toHaveLength(1);
  });
});
