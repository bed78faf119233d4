import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-write";
import { EXIT } from "./errors";
import { COMMANDS, main } from "./main";
import { memoryIo } from "./test-io";

const TOKEN = `dtk_${"a".repeat(40)}`;

describe("main", () => {
  it.each(COMMANDS.map((command) => command.name))("%s --help prints its usage and exits 0", async (name) => {
    const io = memoryIo();
    expect(await main([name, "--help"], io)).toBe(EXIT.ok);
    expect(io.out()).toContain(`Usage: dotenv ${name}`);
    const viaHelp = memoryIo();
    expect(await main(["help", name], viaHelp)).toBe(EXIT.ok);
    expect(viaHelp.out()).toBe(io.out());
  });

  it("--help lists every command; no command prints it to stderr as a usage error", async () => {
    const io = memoryIo();
    expect(await main(["--help"], io)).toBe(EXIT.ok);
    for (const command of COMMANDS) expect(io.out()).toContain(command.name);
    expect(await main([], memoryIo())).toBe(EXIT.usage);
  });

  it.each<[string[], Record<string, string>, number, RegExp]>([
    [["frobnicate"], {}, EXIT.usage, /unknown command "frobnicate"/],
    [["pull"], { DOTENV_API_KEY: TOKEN }, EXIT.usage, /missing <project>/],
    [["pull", "my-app"], {}, EXIT.auth, /DOTENV_API_KEY is not set/],
    [["pull", "my-app"], { DOTENV_API_KEY: "dtk_short" }, EXIT.auth, /does not look like/],
    [["pull", "my-app"], { DOTENV_API_KEY: TOKEN, DOTENV_ORGANIZATION: "acme" }, EXIT.usage, /organization id is not valid/],
    [["pull", "my-app", "--format=yaml"], { DOTENV_API_KEY: TOKEN, DOTENV_ORGANIZATION: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }, EXIT.usage, /unknown format/],
    [["pull", "my-app"], { DOTENV_API_KEY: TOKEN, DOTENV_API_URL: "ftp://x" }, EXIT.usage, /http/],
    [["run", "my-app", "node"], { DOTENV_API_KEY: TOKEN }, EXIT.usage, /after --/],
    [["keys"], { DOTENV_API_KEY: TOKEN }, EXIT.usage, /missing action/],
    [["keys", "frobnicate", "my-app"], { DOTENV_API_KEY: TOKEN }, EXIT.usage, /unknown keys action "frobnicate"/],
    [["keys", "rotate"], { DOTENV_API_KEY: TOKEN }, EXIT.usage, /missing <project>/],
    [["keys", "list", "my-app/backend"], { DOTENV_API_KEY: TOKEN, DOTENV_ORGANIZATION: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }, EXIT.usage, /keys belong to a project/],
    [["keys", "rotate", "my-app", "--new-key=x"], { DOTENV_API_KEY: TOKEN }, EXIT.usage, /unknown option --new-key$/m],
    [["history", "my-app", "--limit=500"], { DOTENV_API_KEY: TOKEN, DOTENV_ORGANIZATION: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }, EXIT.usage, /--limit/],
  ])("%j fails with one line on stderr", async (argv, env, code, message) => {
    const io = memoryIo(env);
    expect(await main(argv, io)).toBe(code);
    expect(io.err()).toMatch(/^dotenv: [^\n]+\n$/);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe("");
  });

  it("reports an unreachable server without the token", async () => {
    const io = memoryIo({ DOTENV_API_KEY: TOKEN, DOTENV_API_URL: "http://127.0.0.1:9", DOTENV_ORGANIZATION: "01ARZ3NDEKTSV4RRFFQ69G5FAV" });
    expect(await main(["whoami"], io)).toBe(EXIT.unavailable);
    expect(io.err()).toMatch(/cannot reach the DotEnv server at http:\/\/127\.0\.0\.1:9/);
    expect(io.err()).not.toContain(TOKEN);
  });
});

describe("writeFileAtomic", () => {
  it("replaces the file whole, with mode 0600, leaving no temporary file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-cli-write-"));
    try {
      const file = path.join(dir, ".env");
      fs.writeFileSync(file, "OLD=1\n", { mode: 0o644 });
      writeFileAtomic(file, "NEW=2\n");
      expect(fs.readFileSync(file, "utf8")).toBe("NEW=2\n");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(dir)).toEqual([".env"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
