import { expect, test } from "@playwright/test";
import { strongPassword, uniqueEmail } from "./support";
import { startOwnServer, type OwnServer } from "./support/own-server";

// Sign in and sign out on a server that runs on another port without NEXTAUTH_URL (the README's
// own `PORT=…` setup): every redirect stays on that origin. Before, next-auth assumed
// http://localhost:3000 and sign-out landed on a dead page. This spec starts that server itself.

let server: OwnServer | undefined;
let origin = "";

test.beforeAll(async () => {
  test.setTimeout(150_000);
  server = await startOwnServer("port", () => ({ NEXTAUTH_URL: undefined, NEXTAUTH_SECRET: process.env.DOTENV_E2E_SECRET }));
  origin = server.origin;
});

test.afterAll(() => server?.stop());

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
