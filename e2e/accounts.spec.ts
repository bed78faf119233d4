import { expect, test, type Page } from "@playwright/test";
import { artifactPath, strongPassword, uniqueEmail } from "./support";

// Accounts in a real browser against the production build: sign up, create an organization, sign
// out (revoked on the server), sign in, and the refusals a person sees on bad input.

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("sign up, create an organization, sign out, sign in again", async ({ page, browser }) => {
  const email = uniqueEmail("owner");
  const password = strongPassword();

  await signUp(page, "Ada Lovelace", email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome to DotEnv, Ada Lovelace" })).toBeVisible();
  await page.screenshot({ path: artifactPath("dashboard-first-run") });

  await page.getByLabel("Organization name").fill("Analytical Engines");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: "Analytical Engines", level: 1 })).toBeVisible();
  await expect(page.getByText("Your role:")).toContainText("Owner");
  await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
  await expect(page.getByTestId("organization-id")).toHaveText(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  await page.screenshot({ path: artifactPath("dashboard-organization") });

  // A second organization appears in the switcher, and switching changes the dashboard.
  await page.getByRole("combobox", { name: "Organization" }).selectOption("__new");
  await expect(page).toHaveURL(/\/dashboard\/organizations\/new$/);
  await page.getByLabel("Organization name").fill("Difference Engines");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: "Difference Engines", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "Organization" }).selectOption({ label: "Analytical Engines" });
  await expect(page.getByRole("heading", { name: "Analytical Engines", level: 1 })).toBeVisible();

  // Signing out ends the session on the server: the old cookie is worthless afterwards.
  const cookiesBefore = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  const replay = await browser.newContext();
  await replay.addCookies(cookiesBefore);
  const replayPage = await replay.newPage();
  await replayPage.goto("/dashboard");
  await expect(replayPage).toHaveURL(/\/login/);
  await replay.close();

  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await expect(page.getByRole("heading", { name: "Analytical Engines", level: 1 })).toBeVisible();
});

test("a wrong password and an unknown email get the same clear error", async ({ page }) => {
  const email = uniqueEmail("wrong");
  const password = strongPassword();
  await signUp(page, "Grace Hopper", email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, email, `${password}x`);
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/login/);
  await page.screenshot({ path: artifactPath("login-wrong-password") });

  await signIn(page, uniqueEmail("nobody"), password);
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Incorrect email or password.");
});

test("sign-up shows what is wrong with each field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();

  await page.getByLabel("Name").fill("Mallory");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test("signing up again with a taken email changes nothing and points to signing in, without saying the account exists", async ({ page }) => {
  const email = uniqueEmail("twice");
  const password = strongPassword();
  await signUp(page, "First", email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signUp(page, "Second", email.toUpperCase(), strongPassword());
  const alert = page.getByRole("form", { name: "Create account" }).getByRole("alert");
  await expect(alert).toContainText("If this address already has an account, sign in with its password or reset it.");
  // The first account is untouched: its own password still signs in.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("before the page has loaded its script, sign-in and sign-up cannot submit a password into a URL", async ({ browser }) => {
  // Without JavaScript the page stays as the server rendered it: exactly what a fast click meets.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  for (const [path, button] of [["/login", "Sign in"], ["/signup", "Create account"]] as const) {
    await page.goto(path);
    await page.getByLabel("Email").fill("early@example.test");
    await page.getByLabel("Password").fill("Early-Password-123!");
    await expect(page.getByRole("button", { name: button })).toBeDisabled();
    await page.getByLabel("Password").press("Enter");
    await expect(page).toHaveURL(new RegExp(`${path}$`));
  }
  expect(requested.filter((url) => url.includes("Early-Password") || url.includes("password="))).toEqual([]);
  await context.close();
});
