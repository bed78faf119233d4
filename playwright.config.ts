import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./lib/tooling/chromium";

// E2E tests run against the production build (`npm run build` first; `npm test` does it) served by
// `npm start`, which this config starts on E2E_PORT (default 3100) with a fresh, empty embedded
// database in a temporary DOTENV_DATA_DIR — or on PostgreSQL when E2E_DATABASE_URL is set.

const port = Number(process.env.E2E_PORT || 3100);
const origin = `http://127.0.0.1:${port}`;

// Playwright loads this file in its main process and again in each worker. The main process makes
// the data folder and the secret; workers inherit them through the environment instead of making
// their own. Only the process that made the folder removes it when it exits.
if (!process.env.DOTENV_E2E_DATA_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-e2e-"));
  process.env.DOTENV_E2E_DATA_DIR = dir;
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}
process.env.DOTENV_E2E_SECRET ||= randomBytes(32).toString("base64url");

const e2eDatabaseUrl = process.env.E2E_DATABASE_URL?.trim();

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: origin,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: findChromium(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npm start",
    url: `${origin}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: process.env.DOTENV_E2E_SECRET,
      DOTENV_DATA_DIR: process.env.DOTENV_E2E_DATA_DIR,
      // Always set, so neither the caller's shell nor a .env file can point the server at another
      // database: empty means the embedded one (lib/data/config.ts treats "" as unset).
      DATABASE_URL: e2eDatabaseUrl ?? "",
    },
  },
});
