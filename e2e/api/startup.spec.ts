import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { isPostgres } from "./support";
import { freePort } from "../support/own-server";

// Fail fast on bad configuration: a production server without its master key, or with a master key
// that is not its database's, refuses to start with a message naming the variable — it never
// serves pages to answer 503 later. The seed refuses a foreign master key too. Runs against the
// PostgreSQL of the api-postgres project (a real deployment's shape).

test.beforeEach(({}, testInfo) => {
  test.skip(!isPostgres(testInfo), "a production configuration: PostgreSQL only");
});

/** Runs a command until it exits (or `timeoutMs` passes: then it is killed and reported as still running). */
async function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, output };
}

function productionServer(overrides: Record<string, string | undefined>) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: process.env.DOTENV_E2E_PG_URL,
    NEXTAUTH_SECRET: process.env.DOTENV_E2E_SECRET,
    DOTENV_MASTER_KEY: process.env.DOTENV_E2E_MASTER_KEY,
    ...overrides,
  };
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete env[name];
  return env;
}

test("without DOTENV_MASTER_KEY, a production server refuses to start and says which variable is missing", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const { code, output } = await run("npx", ["next", "start", "--port", String(port)], productionServer({ DOTENV_MASTER_KEY: undefined }));
  expect(code, output).toBe(1);
  expect(output).toContain("refusing to start");
  expect(output).toContain("DOTENV_MASTER_KEY is required in production");
});

test("with another master key than its database's, the server refuses to start and the seed refuses to write", async () => {
  test.setTimeout(120_000);
  const foreignKey = randomBytes(32).toString("base64");
  const port = await freePort();
  const server = await run("npx", ["next", "start", "--port", String(port)], productionServer({ DOTENV_MASTER_KEY: foreignKey }));
  expect(server.code, server.output).toBe(1);
  expect(server.output).toContain("not the master key this database was set up with");
  expect(server.output).not.toContain(foreignKey);

  const seed = await run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts", "--json", "--organization=Foreign key", `--owner=foreign-${Date.now()}@example.test`], productionServer({ DOTENV_MASTER_KEY: foreignKey, NODE_ENV: "development" }));
  expect(seed.code, seed.output).not.toBe(0);
  expect(seed.output).toContain("not the master key this database was set up with");
});
