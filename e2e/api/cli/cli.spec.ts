import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "dotenv";
import { formatDotenv } from "../../../lib/dotenv/format";
import { apiClient, createOrganization, type OrganizationFixture } from "../support";
import { createToken, mustSucceed } from "../secrets-support";
import { BIN, cliEnv, commandSubstitution, freshProject, runCli, runCliInTerminal, tempDir, TRICKY, type CliResult } from "./cli-support";

// The `dotenv` CLI (docs/cli.md#commands) as a subprocess against the real server: round trips of values that
// break naive quoting through push / pull / export / run, eval safety, the exit code and one-line
// error contract, permissions, and conflicts. Client-managed projects are in cli-client-key.spec.ts.

let org: OrganizationFixture;
let dir: string;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
  dir = tempDir();
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** No secret value (of a few characters or more) appears in what the CLI said. */
function expectNoValues(result: CliResult, values: Record<string, string>) {
  for (const value of Object.values(values).filter((value) => value.trim().length >= 4)) {
    expect(result.stderr).not.toContain(value);
  }
  expect(result.stderr).not.toContain(org.token);
  expect(result.stdout).not.toContain(org.token);
}

function expectOneLineError(result: CliResult, code: number, message: RegExp) {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr).toMatch(/^dotenv: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
}

test("the bin: --help for every command, from the repository (npx) and from any directory", async ({}, testInfo) => {
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const viaNpx = await runCli(["--help"], env, { command: ["npx", "dotenv"] });
  expect(viaNpx.code, viaNpx.stderr).toBe(0);
  expect(viaNpx.stdout).toContain("Usage: dotenv <command>");
  for (const command of ["pull", "export", "push", "run", "whoami", "history"]) {
    const help = await runCli([command, "--help"], env, { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: dotenv ${command}`);
  }
  expectOneLineError(await runCli(["pul", "my-app"], env), 2, /unknown command "pul"/);
  expectOneLineError(await runCli(["pull", "my-app", "--outptu=x"], env), 2, /unknown option --outptu/);
});

test("whoami names the key and its permissions, never the token", async ({ request }, testInfo) => {
  const token = await createToken(apiClient(request, org.token), org.organizationId, [{ permission: "secret:read", scope: { project: "my-app" } }, { permission: "organization:read" }]);
  const result = await runCli(["whoami"], cliEnv(testInfo, token, org.organizationId));
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain(`Organization: ${org.organizationId}`);
  expect(result.stdout).toContain("secret:read  (my-app)");
  expect(result.stdout + result.stderr).not.toContain(token);

  const revoked = await runCli(["whoami"], cliEnv(testInfo, `dtk_${"A".repeat(40)}`, org.organizationId));
  expectOneLineError(revoked, 3, /authentication failed/);
});

test("tricky values survive push → pull / export (all formats) / run, and nothing is ever executed", async ({ request }, testInfo) => {
  const owner = apiClient(request, org.token);
  const { path: level } = await freshProject(owner, org.organizationId, "server");
  const sentinel = path.join(dir, "pwned");
  const values = { ...TRICKY, COMMAND_SUBSTITUTION: commandSubstitution(sentinel) };
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const input = path.join(dir, "tricky.env");
  fs.writeFileSync(input, formatDotenv(values));

  const pushed = await runCli(["push", level, `--input=${input}`, "--yes"], env);
  expect(pushed.code, pushed.stderr).toBe(0);
  for (const name of Object.keys(values)) expect(pushed.stderr).toContain(`+ ${name}`);
  expectNoValues(pushed, values);

  // pull: a 0600 file that dotenv's parser reads back exactly, replacing what was there.
  const output = path.join(dir, "pulled.env");
  fs.writeFileSync(output, "STALE=1\n", { mode: 0o644 });
  const pulled = await runCli(["pull", level, `--output=${output}`], env);
  expect(pulled.code, pulled.stderr).toBe(0);
  expect(parse(fs.readFileSync(output, "utf8"))).toEqual(values);
  expect(fs.statSync(output).mode & 0o777).toBe(0o600);
  expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  expectNoValues(pulled, values);

  // export: dotenv and JSON exactly; shell through a real eval that sets exactly these values.
  const asDotenv = await runCli(["export", level, "--format=dotenv"], env);
  expect(parse(asDotenv.stdout)).toEqual(values);
  const asJson = await runCli(["export", level, "--format=json"], env);
  expect(JSON.parse(asJson.stdout)).toEqual(values);
  const names = Object.keys(values);
  const script =
    'eval "$(node "$BIN" export "$LEVEL" --format=shell)" || exit 9; for name in "$@"; do eval "printf \'%s\\0\' \\"\\${$name}\\""; done';
  const evaluated = execFileSync("bash", ["-c", script, "bash", ...names], { env: { ...env, BIN, LEVEL: level } as unknown as NodeJS.ProcessEnv, encoding: "utf8" });
  const read = evaluated.split("\0").slice(0, -1);
  expect(Object.fromEntries(names.map((name, index) => [name, read[index]]))).toEqual(values);
  expect(fs.existsSync(sentinel)).toBe(false);

  // run: the values reach the command's environment as they are; its exit code comes back.
  const printer = `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, process.env[n]]))))`;
  const ran = await runCli(["run", level, "--", process.execPath, "-e", printer], env);
  expect(ran.code, ran.stderr).toBe(0);
  expect(JSON.parse(ran.stdout)).toEqual(values);
  expect((await runCli(["run", level, "--", process.execPath, "-e", "process.exit(7)"], env)).code).toBe(7);
  expectOneLineError(await runCli(["run", level, "--", "no-such-command-here"], env), 127, /command not found/);
  expect((await runCli(["run", level, "--", process.execPath, "-e", "process.kill(process.pid, 'SIGTERM')"], env)).code).toBe(128 + 15);
  expect(fs.existsSync(sentinel)).toBe(false);

  // docker's env-file format cannot carry a line break: refused, naming it (never its value).
  const docker = await runCli(["export", level, "--format=docker"], env);
  expectOneLineError(docker, 1, /NEWLINES/);
  expect(docker.stdout).toBe("");
  expectNoValues(docker, values);
});

test("run forwards a signal to its command and passes the command's exit code back", async ({}, testInfo) => {
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const program = "process.on('SIGTERM', () => { process.stdout.write('stopping'); process.exit(3); }); process.stdout.write('ready'); setInterval(() => {}, 1000);";
  const child = spawn(process.execPath, [BIN, "run", "my-app/backend/production", "--", process.execPath, "-e", program], { env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    if (stdout === "ready") child.kill("SIGTERM");
  });
  expect(await exited).toBe(3);
  expect(stdout).toBe("readystopping");
});

test("a value no .env line can carry: pull refuses and leaves the file alone; json and shell carry it", async ({ request }, testInfo) => {
  const owner = apiClient(request, org.token);
  const { path: level } = await freshProject(owner, org.organizationId, "server");
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const input = path.join(dir, "mixed.env");
  // dotenv reads a backtick-quoted value literally: both quote kinds and a dollar.
  fs.writeFileSync(input, "MIXED=`it's \"quoted\" and $HOME`\nPLAIN=ok\n");
  expect((await runCli(["push", level, `--input=${input}`, "--yes"], env)).code).toBe(0);
  const output = path.join(dir, "kept.env");
  fs.writeFileSync(output, "KEEP=me\n");
  const pulled = await runCli(["pull", level, `--output=${output}`], env);
  expectOneLineError(pulled, 1, /MIXED cannot be written/);
  expect(fs.readFileSync(output, "utf8")).toBe("KEEP=me\n");
  expect(JSON.parse((await runCli(["export", level, "--format=json"], env)).stdout)).toEqual({ MIXED: `it's "quoted" and $HOME`, PLAIN: "ok" });
  const shell = await runCli(["export", level, "--format=shell"], env);
  expect(execFileSync("bash", ["-c", `${shell.stdout}\nprintf %s "$MIXED"`], { encoding: "utf8" })).toBe(`it's "quoted" and $HOME`);
});

test("push: names to add / change / remove, --dry-run, confirmation required without a terminal, history", async ({ request }, testInfo) => {
  const owner = apiClient(request, org.token);
  const { path: level } = await freshProject(owner, org.organizationId, "server");
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const input = path.join(dir, "plan.env");
  fs.writeFileSync(input, "KEEP=same-value-1\nCHANGE=old-value-2\nDROP=gone-value-3\n");
  expect((await runCli(["push", level, `--input=${input}`, "--yes"], env)).code).toBe(0);

  fs.writeFileSync(input, "KEEP=same-value-1\nCHANGE=new-value-4\nADD=added-value-5\n");
  const dry = await runCli(["push", level, `--input=${input}`, "--dry-run"], env);
  expect(dry.code, dry.stderr).toBe(0);
  expect(dry.stderr).toMatch(/\+ ADD[\s\S]*~ CHANGE[\s\S]*- DROP/);
  expect(dry.stderr).not.toMatch(/KEEP/);
  expectNoValues(dry, { a: "old-value-2", b: "new-value-4", c: "added-value-5", d: "gone-value-3", e: "same-value-1" });

  const unconfirmed = await runCli(["push", level, `--input=${input}`], env);
  expect(unconfirmed.code).toBe(2);
  expect(unconfirmed.stderr).toMatch(/pass --yes/);
  expect((await runCli(["export", level, "--format=json"], env)).stdout).toContain("old-value-2");

  const confirmed = await runCli(["push", level, `--input=${input}`, "--yes"], env);
  expect(confirmed.code, confirmed.stderr).toBe(0);
  expect(confirmed.stderr).toContain("now version 2");
  expect(JSON.parse((await runCli(["export", level, "--format=json"], env)).stdout)).toEqual({ KEEP: "same-value-1", CHANGE: "new-value-4", ADD: "added-value-5" });
  const again = await runCli(["push", level, `--input=${input}`, "--yes"], env);
  expect(again.stderr).toMatch(/nothing to push/);

  const history = await runCli(["history", level], env);
  expect(history.code, history.stderr).toBe(0);
  expect(history.stdout).toMatch(/v2 \(current\).*via cli[\s\S]*\+ADD ~CHANGE -DROP/);
  expect(history.stdout).toMatch(/v1 .*via cli[\s\S]*\+KEEP \+CHANGE \+DROP/);
  expect(history.stdout).not.toMatch(/value-/);
  const audit = await owner.get(`/${org.organizationId}/audit?action=secret.write&limit=5`);
  expect(audit.body.data[0]).toMatchObject({ source: "cli", action: "secret.write", outcome: "success" });
});

test("a stale push gets the conflict, not an overwrite", async ({ request }, testInfo) => {
  test.skip(!fs.existsSync("/usr/bin/script"), "needs util-linux script for a terminal");
  const owner = apiClient(request, org.token);
  const { path: level } = await freshProject(owner, org.organizationId, "server");
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const mine = path.join(dir, "mine.env");
  const theirs = path.join(dir, "theirs.env");
  fs.writeFileSync(mine, "WHO=me\n");
  fs.writeFileSync(theirs, "WHO=them\n");
  // The push reads version 0 and waits at its prompt; meanwhile someone else pushes.
  const stale = await runCliInTerminal(["push", level, `--input=${mine}`], env, async () => {
    const other = await runCli(["push", level, `--input=${theirs}`, "--yes"], env);
    expect(other.code, other.stderr).toBe(0);
    return "y";
  });
  expect(stale.code, stale.stdout).toBe(5);
  expect(stale.stdout).toMatch(/dotenv: conflict: .* changed since it was read .*nothing was written/);
  expect(JSON.parse((await runCli(["export", level, "--format=json"], env)).stdout)).toEqual({ WHO: "them" });
});

test("permissions: read-only keys cannot push or decrypt; decrypt uses the server, key:retrieve decrypts locally", async ({ request }, testInfo) => {
  const owner = apiClient(request, org.token);
  const { project, path: level } = await freshProject(owner, org.organizationId, "server");
  const ownerEnv = cliEnv(testInfo, org.token, org.organizationId);
  const input = path.join(dir, "perm.env");
  fs.writeFileSync(input, "TOKEN_VALUE=s3cr3t-value\n");
  expect((await runCli(["push", level, `--input=${input}`, "--yes"], ownerEnv)).code).toBe(0);

  const readOnly = ["secret:read", "project:read", "target:read", "environment:read", "organization:read"].map((permission) => ({ permission }));
  const readOnlyEnv = cliEnv(testInfo, await createToken(owner, org.organizationId, readOnly), org.organizationId);
  fs.writeFileSync(input, "TOKEN_VALUE=overwritten\n");
  const push = await runCli(["push", level, `--input=${input}`, "--yes"], readOnlyEnv);
  expectOneLineError(push, 3, /lacks secret:write/);
  const pull = await runCli(["pull", level, `--output=${path.join(dir, "never.env")}`], readOnlyEnv);
  expectOneLineError(pull, 3, /neither decrypt .* nor retrieve its key/);
  expect(fs.existsSync(path.join(dir, "never.env"))).toBe(false);

  const scoped = (permission: string) => ({ permission, scope: { project } });
  const decryptEnv = cliEnv(testInfo, await createToken(owner, org.organizationId, [scoped("secret:read"), scoped("secret:decrypt")]), org.organizationId);
  const retrieveEnv = cliEnv(testInfo, await createToken(owner, org.organizationId, [scoped("secret:read"), scoped("key:retrieve")]), org.organizationId);
  // A client key set for other projects changes nothing for a server-managed one.
  for (const env of [decryptEnv, retrieveEnv, { ...decryptEnv, DOTENV_CLIENT_KEY: "meant for another project" }]) {
    const result = await runCli(["export", level, "--format=json"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ TOKEN_VALUE: "s3cr3t-value" });
  }
  const decrypts = await owner.get(`/${org.organizationId}/audit?action=secret.decrypt&project=${project}`);
  expect(decrypts.body.data.map((event: { source: string }) => event.source)).toEqual(["cli", "cli"]);
  const retrieves = await owner.get(`/${org.organizationId}/audit?action=key.retrieve&project=${project}`);
  expect(retrieves.body.data.some((event: { actor: { label: string } }) => event.actor.label.includes("secrets spec"))).toBe(true);
  await mustSucceed(owner.get(`/${org.organizationId}/whoami`), "whoami");
});

test("errors: unknown level 404, bad path, bad organization — one line, distinct exit codes; the key alone finds its organization", async ({}, testInfo) => {
  const env = cliEnv(testInfo, org.token, org.organizationId);
  expectOneLineError(await runCli(["export", "no-such-project/x/y"], env), 4, /not found/);
  expectOneLineError(await runCli(["export", "Not/A/Valid/Path"], env), 2, /is not <project>/);
  expectOneLineError(await runCli(["export", "my-app"], { ...env, DOTENV_ORGANIZATION: "acme" }), 2, /organization id is not valid/);
  const keyOnly = await runCli(["export", "my-app/backend/production", "--format=json"], { ...env, DOTENV_ORGANIZATION: undefined });
  expect(keyOnly.code, keyOnly.stderr).toBe(0);
  expect(JSON.parse(keyOnly.stdout)).toMatchObject({ API_KEY: "sk_demo_4f9a2c7e1b" });
  const prefixed = await runCli(["export", `${org.organizationId}/my-app/backend/production`, "--format=json"], { ...env, DOTENV_ORGANIZATION: undefined });
  expect(prefixed.code, prefixed.stderr).toBe(0);
  expect(JSON.parse(prefixed.stdout)).toMatchObject({ API_KEY: "sk_demo_4f9a2c7e1b" });
  expectOneLineError(await runCli(["whoami"], { ...env, DOTENV_API_URL: "http://127.0.0.1:9" }), 6, /cannot reach/);
});

test("a redirect is refused, never followed: the API key does not travel to another URL", async ({}, testInfo) => {
  const seen: (string | undefined)[] = [];
  const elsewhere = http.createServer((request, response) => {
    seen.push(request.headers.authorization);
    response.end("{}");
  });
  const redirecting = http.createServer((request, response) => {
    response.writeHead(307, { Location: `http://127.0.0.1:${port(elsewhere)}${request.url}` }).end();
  });
  await Promise.all([elsewhere, redirecting].map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
  try {
    const env = cliEnv(testInfo, org.token, org.organizationId, { DOTENV_API_URL: `http://127.0.0.1:${port(redirecting)}` });
    expectOneLineError(await runCli(["pull", "my-app/backend/production", `--output=${path.join(dir, "redirected.env")}`], env), 2, /answered with a redirect/);
    expect(seen).toEqual([]);
    expect(fs.existsSync(path.join(dir, "redirected.env"))).toBe(false);
  } finally {
    for (const server of [elsewhere, redirecting]) server.close();
  }
});

const port = (server: http.Server) => (server.address() as AddressInfo).port;
