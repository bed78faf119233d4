import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { formatDotenv } from "./format";
import { parseDotenv } from "./parse";

// The port must read every file the way the real `dotenv` parser does.

const FILES = [
  "A=1\nB=two words\nC='single $x'\nD=\"double\\nnewline\"\nE=`back tick`\n",
  "export A=1\n  B = spaced  \n# comment\nC=value # trailing comment\nD=#not-comment?\n",
  "MULTI=\"line one\nline two\"\nNEXT=after\n",
  "EMPTY=\nQUOTED_EMPTY=''\nDUP=first\nDUP=second\n",
  "WIN=crlf\r\nMAC=cr\rLAST=x",
  "a.b-c=dots and dashes\nCOLON: yaml style\n",
  "ESC='it\\'s'\nDQ=\"say \\\"hi\\\"\"\n",
  formatDotenv({ A: "it's", B: "$(touch /tmp/x)", C: "ends \\", D: "#x", E: "line\nbreak", F: "", G: "héllo 🔑", H: "a=b" }),
];

describe("parseDotenv", () => {
  it.each(FILES.map((file, index) => [index, file] as const))("reads file %i exactly like dotenv.parse", (_, file) => {
    expect(Object.fromEntries(parseDotenv(file))).toEqual(parse(file));
  });

  it("keeps file order and the last value of a repeated name", () => {
    expect([...parseDotenv("B=1\nA=2\nB=3\n")]).toEqual([["B", "3"], ["A", "2"]]);
  });
});
