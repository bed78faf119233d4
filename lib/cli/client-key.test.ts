import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deriveProjectKey } from "../crypto";
import { deriveClientKey, readClientKey } from "./client-key";
import { CliError } from "./errors";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-cli-key-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function keyFile(content: string, mode = 0o600): string {
  const file = path.join(dir, `key-${Math.random()}`);
  fs.writeFileSync(file, content, { mode });
  return file;
}

describe("readClientKey", () => {
  it("reads the passphrase from a file, ignoring one trailing line break", () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(readClientKey({ file: keyFile("  pass phrase  \n"), env: {}, warn })).toEqual({ passphrase: "  pass phrase  ", byValue: false });
    expect(readClientKey({ file: keyFile("crlf\r\n"), env: {}, warn })?.passphrase).toBe("crlf");
    expect(readClientKey({ file: keyFile("two\n\n"), env: {}, warn })?.passphrase).toBe("two\n");
    expect(warnings).toEqual([]);
  });

  it("prefers the file, warns when the key comes by value, and when the file is readable by others", () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(readClientKey({ file: keyFile("from file"), env: { DOTENV_CLIENT_KEY: "from env" }, warn })?.passphrase).toBe("from file");
    expect(readClientKey({ env: { DOTENV_CLIENT_KEY_FILE: keyFile("via env file") }, warn })?.passphrase).toBe("via env file");
    expect(warnings).toEqual([]);
    expect(readClientKey({ env: { DOTENV_CLIENT_KEY: "by value" }, warn })).toEqual({ passphrase: "by value", byValue: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/by value/);
    expect(warnings[0]).not.toContain("by value\n");
    readClientKey({ file: keyFile("open", 0o644), env: {}, warn });
    expect(warnings[1]).toMatch(/other users/);
    expect(readClientKey({ env: {}, warn })).toBeNull();
  });

  it("never echoes the --client-key argument (it may be the key itself)", () => {
    const error = (() => {
      try {
        readClientKey({ file: "correct-horse-battery-staple", env: {}, warn: () => {} });
      } catch (caught) {
        return caught as CliError;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect(error!.message).not.toContain("correct-horse");
    expect(() => readClientKey({ file: keyFile("\n"), env: {}, warn: () => {} })).toThrow(/empty/);
  });
});

describe("deriveClientKey", () => {
  const salt = "8OHSw7Sllod4aVpLPC0eDw==";

  it("derives the same key as the crypto core", async () => {
    const derived = await deriveClientKey("a long enough passphrase", { salt, iterations: 600_000 });
    expect(derived.keyProof).toBe((await deriveProjectKey("a long enough passphrase", salt, 600_000)).keyProof);
  });

  it.each([
    ["too few iterations", { salt, iterations: 1000 }],
    ["too many iterations", { salt, iterations: 10_000_001 }],
    ["a short salt", { salt: "AAAA", iterations: 600_000 }],
    ["a salt that is not base64", { salt: "not base64!", iterations: 600_000 }],
  ])("refuses %s from the server before deriving", async (_, params) => {
    await expect(deriveClientKey("a long enough passphrase", params)).rejects.toThrow(/refusing to derive/);
  });

  it("explains a project without a key setup", async () => {
    await expect(deriveClientKey("x", { salt: null, iterations: null })).rejects.toThrow(/no key set up/);
  });
});
