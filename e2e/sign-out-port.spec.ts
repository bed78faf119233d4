import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { strongPassword, uniqueEmail } from "./support";

// Sign in and sign out on a server that runs on another port without NEXTAUTH_URL (the README's
// own `PORT=…` setup): every redirect stays on that origin. Before, next-auth assumed
// http://localhost:3000 and sign-out landed on a dead page. This spec starts that server itself.

const port = Number(process.env.E2E_PORT || 3100) + 2;
const origin = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-e2e-port-"));
  const { NEXTAUTH_URL: _unset, ...env } = process.env;
  server = spawn("npx", ["next", "start", "--port", String(port)], {
    env: { ...env, DATABASE_URL: "", DOTENV_DATA_DIR: dataDir, NEXTAUTH_SECRET: process.env.DOTENV_E2E_SECRET, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  for (let attempt = 0; attempt < 240; attempt++) {
    const healthy = await fetch(`${origin}/api/health`).then((response) => response.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server on ${origin} did not start`);
});

test.afterAll(() => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("sign in and sign out stay on the request's origin without NEXTAUTH_URL", async ({ page }) => {
  const person = { name: "Port Person", email: uniqueEmail("port"), password: strongPassword() };
  const signup = await page.request.post(`${origin}/api/auth/signup`, { data: person });
  expect(signup.status()).toBe(201);

  await page.goto(`${origin}/login`);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}/dashboard`));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${origin}/login`);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  // The session is gone on the server too.
  await page.goto(`${origin}/dashboard`);
  await expect(page).toHaveURL(new RegExp(`^${origin}/login`));
});
