import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestInfo } from "@playwright/test";
import type { ApiClient } from "../support";
import { mustSucceed, uniqueSlug } from "../secrets-support";

// Running the real `dotenv` bin as a subprocess against the test server, the way a developer or a
// CI job does: environment variables in, stdout / stderr / exit code out.

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const BIN = path.join(REPO, "lib/cli/bin.mjs");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliEnv {
  [name: string]: string | undefined;
}

/** The CLI's environment for a test: this project's server, a token, the organization. Nothing else leaks in. */
export function cliEnv(testInfo: TestInfo, token: string, organizationId: string, extra: CliEnv = {}): CliEnv {
  return {
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    DOTENV_API_URL: String(testInfo.project.use.baseURL),
    DOTENV_API_KEY: token,
    DOTENV_ORGANIZATION: organizationId,
    ...extra,
  };
}

export function runCli(args: string[], env: CliEnv, options: { cwd?: string; command?: string[] } = {}): Promise<CliResult> {
  const [file, ...prefix] = options.command ?? [process.execPath, BIN];
  return new Promise((resolve, reject) => {
    const child = spawn(file!, [...prefix, ...args], { env: env as NodeJS.ProcessEnv, cwd: options.cwd ?? REPO, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(); // not a terminal, and nothing to read
  });
}

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), so it prompts like it does for a person.
 * `whenPrompted` runs once the prompt is on screen; its answer is then typed in.
 */
export function runCliInTerminal(args: string[], env: CliEnv, whenPrompted: () => Promise<string>): Promise<CliResult> {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], { env: env as NodeJS.ProcessEnv, cwd: REPO, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    let prompted = false;
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (!prompted && output.includes("[y/N]")) {
        prompted = true;
        whenPrompted().then((answer) => child.stdin.write(`${answer}\r`), reject);
      }
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: output, stderr: output }));
  });
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-cli-e2e-"));
}

/** A new project (server- or client-managed) with one target and one environment. */
export async function freshProject(api: ApiClient, organizationId: string, custody: "server" | "client", key?: unknown) {
  const project = uniqueSlug("cli");
  await mustSucceed(api.post(`/${organizationId}/projects`, { slug: project, custody, ...(key ? { key } : {}) }), "project");
  await mustSucceed(api.post(`/${organizationId}/projects/${project}/targets`, { slug: "api" }), "target");
  await mustSucceed(api.post(`/${organizationId}/projects/${project}/targets/api/environments`, { slug: "production" }), "environment");
  return { project, path: `${project}/api/production` };
}

/** Values that break naive quoting; every one must survive every round trip. */
export const TRICKY: Record<string, string> = {
  SINGLE_QUOTE: "it's",
  DOUBLE_QUOTES: 'say "hi"',
  DOLLAR: "$HOME and ${PATH} and $1",
  BACKTICKS: "`id` and `echo pwned`",
  EQUALS: "a=b==c",
  NEWLINES: "line one\nline two\n\nline four",
  UNICODE: "héllo wörld 🔑 日本語",
  EMPTY: "",
  SPACES: "  padded  ",
  HASH: "# not a comment",
  BACKSLASHES: "C:\\path\\n\\t",
  TRAILING_BACKSLASH: "ends with \\",
  URL: "postgres://app:p%40ss@db:5432/app?sslmode=require",
};

/** A value that runs a command if anything ever evaluates it. */
export function commandSubstitution(sentinel: string): string {
  return `$(touch ${sentinel})`;
}
