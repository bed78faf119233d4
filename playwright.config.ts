import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { findChromium } from "./scripts/chromium";

// Browser journeys (e2e/*.spec.ts) and API contract tests (e2e/api/**) run against the production
// build (`npm test` builds it; E2E_DEV=1 uses `next dev` instead, for quick local iteration),
// served on E2E_PORT (default 3100) with a fresh, empty embedded database in a temporary folder.
// When TEST_DATABASE_URL is set, a second server on E2E_PORT+1 runs on a fresh PostgreSQL
// database, and the API tests run against it too (project "api-postgres").

const port = Number(process.env.E2E_PORT || 3100);
const origin = `http://127.0.0.1:${port}`;
const pgOrigin = `http://127.0.0.1:${port + 1}`;

// Playwright loads this file in its main process and again in each worker. The main process makes
// the data folder, secrets and database; workers inherit them through the environment.
if (!process.env.DOTENV_E2E_DATA_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-e2e-"));
  process.env.DOTENV_E2E_DATA_DIR = dir;
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  process.env.DOTENV_E2E_SECRET = randomBytes(32).toString("base64url");
  process.env.DOTENV_E2E_MASTER_KEY = randomBytes(32).toString("base64");
  if (process.env.TEST_DATABASE_URL) {
    const databaseUrl = execFileSync("npx", ["tsx", "scripts/create-test-database.ts"], { encoding: "utf8" }).trim();
    process.env.DOTENV_E2E_PG_URL = databaseUrl;
    // By the time the run exits its servers are stopped; the drop ends any connection left.
    process.on("exit", () => {
      try {
        execFileSync("npx", ["tsx", "scripts/create-test-database.ts", "--drop", databaseUrl], { stdio: "inherit" });
      } catch {
        console.error(`e2e: could not drop the test database (${new URL(databaseUrl).pathname.slice(1)}); drop it by hand`);
      }
    });
  }
}

// `npm start` as in production (its node flags included); the port comes in each server's PORT.
const serverCommand = process.env.E2E_DEV ? "npm run dev" : "npm start";
const sharedEnv = {
  NEXTAUTH_SECRET: process.env.DOTENV_E2E_SECRET!,
  DOTENV_MASTER_KEY: process.env.DOTENV_E2E_MASTER_KEY!,
  // Low enough that the 429 test reaches it quickly, high enough for every other test.
  DOTENV_TOKEN_RATE_LIMIT: "600",
  // Every test signs people up from 127.0.0.1; the per-address sign-up limit itself is tested in
  // e2e/api/abuse.spec.ts against a server of its own with the production default.
  DOTENV_SIGNUP_RATE_LIMIT: "100000",
  // Every spec calls from one address: the authorization matrix alone sends a few hundred refused keys.
  DOTENV_REFUSAL_RATE_LIMIT: "1000",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
};

const servers: NonNullable<PlaywrightTestConfig["webServer"]> = [
  {
    command: serverCommand,
    url: `${origin}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // DATABASE_URL is always set, so neither the shell nor a .env file can point the server at
    // another database: empty means the embedded one.
    env: { ...sharedEnv, PORT: String(port), NEXTAUTH_URL: origin, DOTENV_DATA_DIR: process.env.DOTENV_E2E_DATA_DIR!, DATABASE_URL: "" },
  },
];
const pgUrl = process.env.DOTENV_E2E_PG_URL;
if (pgUrl) {
  servers.push({
    command: serverCommand,
    url: `${pgOrigin}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...sharedEnv, PORT: String(port + 1), NEXTAUTH_URL: pgOrigin, DOTENV_DATA_DIR: path.join(process.env.DOTENV_E2E_DATA_DIR!, "pg-server"), DATABASE_URL: pgUrl },
  });
  // A second instance on the same PostgreSQL database (e2e/api/instances.spec.ts): what one
  // instance changes — a revoked key, a rate limit's count, the audit chain — holds on the other.
  servers.push({
    command: serverCommand,
    url: `http://127.0.0.1:${port + 2}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...sharedEnv, PORT: String(port + 2), NEXTAUTH_URL: pgOrigin, DOTENV_DATA_DIR: path.join(process.env.DOTENV_E2E_DATA_DIR!, "pg-server-2"), DATABASE_URL: pgUrl },
  });
}

const DATABASE_NEUTRAL_SPECS = ["api/cli/**", "api/fuzz.spec.ts", "api/two-factor-callers.spec.ts"];

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: findChromium(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  // Two files at a time (E2E_WORKERS overrides): on two cores a browser journey spends much of its
  // time waiting on the server, so a second worker fills those gaps; tests within a file stay in order.
  workers: Number(process.env.E2E_WORKERS || 2),
  // Generous waits for a shared 2-core machine (two servers, PostgreSQL, two browsers); a passing
  // test never waits for them, a failing one fails a little later.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: { screenshot: "only-on-failure", trace: "retain-on-failure" },
  projects: [
    { name: "browser", testIgnore: "api/**", use: { ...chromium, baseURL: origin } },
    // Specs whose subject does not depend on the database (the CLI is a client; the fuzzer and the
    // two-factor callers exercise validation and sessions) run once, on PostgreSQL when there is one:
    // twice would add minutes to CI and find nothing new. Everything about data runs on both.
    { name: "api", testMatch: "api/**/*.spec.ts", testIgnore: pgUrl ? DATABASE_NEUTRAL_SPECS : [], use: { baseURL: origin } },
    ...(pgUrl ? [{ name: "api-postgres", testMatch: "api/**/*.spec.ts", use: { baseURL: pgOrigin } }] : []),
  ],
  webServer: servers,
});
