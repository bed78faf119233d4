import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { addPerson, createOrganization, ownerSession, type Person } from "./support/dashboard";
import { artifactPath } from "./support";
import { apiClient } from "./api/support";
import { enrolAuthenticator, nextTotp } from "./api/two-factor-support";

// Two-factor authentication in Chromium against the production build: enrolling an authenticator
// app by reading its key from the page (codes computed with otplib here), the sign-in challenge,
// a reused code, recovery codes, email codes through the development outbox, and an
// organization's enforcement: settings → banner → restricted → enrol → access back.

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

/** Password step only: lands on the challenge. */
async function passwordStep(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
}

async function submitCode(page: Page, code: string, label = "Verification code") {
  await page.getByLabel(label).fill(code);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

async function tryAnotherWay(page: Page, name: RegExp | string) {
  await page.getByRole("button", { name: "Try another way" }).click();
  await page.getByRole("list", { name: "Other ways to verify" }).getByRole("button", { name }).click();
}

/** Account page → authenticator app: reads the key shown for manual entry, confirms, saves the recovery codes. */
async function enrolAuthenticatorApp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto("/dashboard/account");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Verification code").fill("000000");
  await page.getByRole("button", { name: "Verify and turn on" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid code" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Verify and turn on" }).click();
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const recoveryCodes = (await page.getByTestId("recovery-code").allTextContents()).map((text) => text.match(/[a-z2-9]{4}(?:-[a-z2-9]{4}){3}/)![0]);
  expect(recoveryCodes).toHaveLength(10);
  await expect(page.getByRole("button", { name: "Done" })).toBeDisabled();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download .txt" }).click();
  expect((await download).suggestedFilename()).toMatch(/^dotenv-recovery-codes-\d{4}-\d{2}-\d{2}\.txt$/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("two-factor-method").filter({ hasText: "Authenticator app" })).toBeVisible();
  return { secret, recoveryCodes };
}

/** The code of the newest message in the personal outbox; `not`: a code already used, to wait past it. */
const latestOutboxCode = async (page: Page, not?: string) => {
  const message = page.getByTestId("personal-outbox-message").first();
  const codeOf = async () => (await message.textContent())?.match(/\b(\d{6})\b/)?.[1];
  await expect.poll(codeOf).toMatch(/^\d{6}$/);
  if (not) await expect.poll(codeOf).not.toBe(not);
  return (await codeOf())!;
};

test("enrol an authenticator app, sign in with a code, reuse refused, recovery code once, email code through the outbox", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const organization = await ownerSession(page, testInfo, "Two-factor journey");
  const owner = organization.owner;
  const { secret, recoveryCodes } = await enrolAuthenticatorApp(page);
  await expect(page.getByTestId("recovery-remaining")).toContainText("10 of 10");
  await page.screenshot({ path: artifactPath("two-factor-account"), fullPage: true });

  // Password, then the challenge, then the dashboard.
  await signOut(page);
  await passwordStep(page, owner);
  await page.screenshot({ path: artifactPath("two-factor-challenge"), fullPage: true });
  const code = await nextTotp(secret);
  await submitCode(page, code);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("link", { name: "My App", exact: true })).toBeVisible();

  // The same code (time step) is refused on the next sign-in; a recovery code works instead.
  await signOut(page);
  await passwordStep(page, owner);
  await submitCode(page, code);
  await expect(page.getByRole("alert").filter({ hasText: "Invalid code" })).toBeVisible();
  await tryAnotherWay(page, "Use a recovery code");
  await submitCode(page, recoveryCodes[0]!, "Recovery code");
  await expect(page).toHaveURL(/\/dashboard$/);

  // That recovery code is spent; another one works.
  await signOut(page);
  await passwordStep(page, owner);
  await tryAnotherWay(page, "Use a recovery code");
  await submitCode(page, recoveryCodes[0]!, "Recovery code");
  await expect(page.getByText("That recovery code is not valid or was already used.")).toBeVisible();
  await submitCode(page, recoveryCodes[1]!, "Recovery code");
  await expect(page).toHaveURL(/\/dashboard$/);

  // Email codes: enrolled with a code from the development outbox (no SMTP_URL in tests).
  await page.goto("/dashboard/account");
  await expect(page.getByTestId("recovery-remaining")).toContainText("8 of 10");
  await page.getByRole("button", { name: "Use email codes" }).click();
  await expect(page.getByText(`We sent a 6-digit code to ${owner.email}`)).toBeVisible();
  const enrolmentCode = await latestOutboxCode(page);
  await page.getByLabel("Verification code").fill(enrolmentCode);
  await page.getByRole("button", { name: "Verify and turn on" }).click();
  await expect(page.getByTestId("two-factor-method").filter({ hasText: "Email codes" })).toBeVisible();

  await signOut(page);
  await passwordStep(page, owner);
  await tryAnotherWay(page, /Email code/);
  await page.getByRole("button", { name: `Send a code to ${owner.email}` }).click();
  await expect(page.getByText(`Code sent to ${owner.email}`)).toBeVisible();
  await submitCode(page, await latestOutboxCode(page, enrolmentCode));
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("enforcement: the admin requires 2FA, a member sees the countdown, loses access after the grace period, enrols and is back", async ({ page, browser, request }, testInfo) => {
  test.setTimeout(240_000);
  const organization = createOrganization(testInfo, "Strict journey");
  const member: Person = await addPerson(request, organization, "developer", "Casey Member");
  const { secret } = enrolAuthenticator(testInfo, organization.owner.email);

  // The Owner (with 2FA) switches enforcement on with a 7-day grace period.
  await passwordStep(page, organization.owner);
  await submitCode(page, await nextTotp(secret));
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/organizations/settings");
  await expect(page.getByTestId("enforcement-badge")).toHaveText("Not enforced");
  await page.getByLabel("Require two-factor authentication").check();
  await page.getByLabel(/Grace period/).fill("7");
  await expect(page.getByText(/keep access until/)).toBeVisible();
  await page.getByRole("form", { name: "Two-factor enforcement" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("enforcement-badge")).toHaveText("Enforced");
  await page.screenshot({ path: artifactPath("two-factor-settings"), fullPage: true });

  // The member, in their own browser, sees the banner with the countdown.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto("/login");
  await memberPage.getByLabel("Email").fill(member.email);
  await memberPage.getByLabel("Password").fill(member.password);
  await memberPage.getByRole("button", { name: "Sign in" }).click();
  await expect(memberPage).toHaveURL(/\/dashboard/);
  await expect(memberPage.getByTestId("two-factor-banner")).toContainText("Strict journey requires two-factor authentication");
  await expect(memberPage.getByTestId("two-factor-countdown")).toHaveText(/^(6|7) days$/);

  // The members page shows who has 2FA and the enforcement state.
  await page.goto("/dashboard/organizations/members");
  await expect(page.getByTestId("enforcement-state")).toContainText("2FA enforced");
  await expect(page.getByTestId("member-row").filter({ hasText: organization.owner.email }).getByTestId("member-two-factor")).toHaveText("On");
  await expect(page.getByTestId("member-row").filter({ hasText: member.email }).getByTestId("member-two-factor")).toHaveText("Off");

  // The grace period shrinks to 0 days: the member's next request finds everything closed but the Account page.
  const shortened = await apiClient(request, organization.token).patch(`/${organization.organizationId}/security-policy`, { grace_period_days: 0 });
  expect(shortened.status).toBe(200);
  await memberPage.goto("/dashboard/organizations/members");
  await expect(memberPage).toHaveURL(/\/dashboard\/two-factor-required$/);
  await expect(memberPage.getByRole("heading", { name: "Your organization requires two-factor authentication" })).toBeVisible();
  await memberPage.screenshot({ path: artifactPath("two-factor-required"), fullPage: true });
  const refused = await memberPage.request.get(`/api/v1/${organization.organizationId}/projects`);
  expect([refused.status(), (await refused.json()).error]).toEqual([403, "two_factor_required"]);

  await memberPage.getByRole("link", { name: "Set up two-factor authentication" }).click();
  await expect(memberPage).toHaveURL(/\/dashboard\/account/);
  await enrolAuthenticatorApp(memberPage);
  await memberPage.goto("/dashboard");
  await expect(memberPage.getByRole("link", { name: "My App", exact: true })).toBeVisible();
  expect((await memberPage.request.get(`/api/v1/${organization.organizationId}/projects`)).status()).toBe(200);
  await memberContext.close();
});
