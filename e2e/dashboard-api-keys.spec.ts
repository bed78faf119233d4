import { expect, test, type Page } from "@playwright/test";
import { apiClient } from "./api/support";
import { createOrganization, ownerSession } from "./support/dashboard";
import { artifactPath } from "./support";

// API keys in the dashboard and the API Explorer, in Chromium against the real server: a
// least-privilege key is created and shown once, tested for real from the browser (each answer
// matching the pre-flight that authorize() gave before sending), rotated and deleted.

// Long journeys on a small shared machine.
test.describe.configure({ timeout: 120_000 });

const SECRETS_ENDPOINT = "GET /{organization}/{project}/{target}/{environment}/secrets";

async function issuedToken(page: Page): Promise<{ token: string; keyId: string }> {
  const reveal = page.getByTestId("token-reveal");
  await expect(reveal).toBeVisible();
  await expect(reveal).toContainText("you won't see it again");
  const token = await page.getByTestId("issued-token").inputValue();
  expect(token).toMatch(/^dtk_[0-9A-Za-z]{40}$/);
  const href = await page.getByRole("link", { name: "Test it in the API Explorer" }).getAttribute("href");
  const keyId = /api-keys\/(key_[0-9A-Za-z]+)\/explore/.exec(href ?? "")?.[1];
  expect(keyId).toBeTruthy();
  return { token, keyId: keyId! };
}

/** Waits for the pre-flight of the current request, sends it, and checks both agree on `status`. */
async function sendExpecting(page: Page, status: number) {
  await expect(page.getByTestId("preflight-status")).toHaveText(String(status));
  await expect(page.getByText("(rechecking…)")).toHaveCount(0);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("response-status")).toHaveText(String(status));
  await expect(page.getByTestId("preflight-match")).toHaveText("✓ as the pre-flight said");
}

test("a read-only key scoped to one environment: shown once, then the explorer's real answers match its pre-flight", async ({ page, request }, testInfo) => {
  // A second organization with the same slugs (seeded before anything else runs), and somewhere
  // else in the same organization.
  const other = createOrganization(testInfo);
  const organization = await ownerSession(page, testInfo);
  const admin = apiClient(request, organization.token);
  const org = organization.organizationId;
  expect((await admin.post(`/${org}/projects/my-app/targets`, { slug: "web" })).status).toBe(201);
  expect((await admin.post(`/${org}/projects/my-app/targets/web/environments`, { slug: "production" })).status).toBe(201);

  await page.goto("/dashboard/organizations/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByTestId("api-key-row").first()).toBeVisible();
  await page.getByRole("link", { name: "Create API key" }).click();
  await expect(page).toHaveURL(/\/api-keys\/create$/);

  await page.getByLabel("Name", { exact: true }).fill("CI read production");
  await page.getByLabel("Note").fill("GitHub Actions secret DOTENV_API_KEY");
  await expect(page.getByText(/This key will expire on/).first()).toBeVisible();
  await page.getByRole("button", { name: "Read-only preset" }).click();
  await page.getByText("Limit every chosen permission to one scope").click();
  const bulk = page.getByRole("group", { name: "Scope for every chosen permission" });
  await bulk.getByLabel("Project").selectOption("my-app");
  await bulk.getByLabel("Target").selectOption("backend");
  await bulk.getByLabel("Environment").selectOption("production");
  await page.getByRole("button", { name: "Apply scope to chosen permissions" }).click();
  const summary = page.getByTestId("key-summary");
  await expect(summary).toContainText("Read-only");
  await expect(summary).toContainText("my-app / backend / production");
  await expect(page.getByTestId("key-warnings")).toHaveCount(0);
  await page.screenshot({ path: artifactPath("api-keys-create"), fullPage: true });
  await page.getByRole("button", { name: "Create API key" }).click();

  const { token, keyId } = await issuedToken(page);
  await page.screenshot({ path: artifactPath("api-keys-shown-once"), fullPage: true });

  // Reloading the create page starts over: the token is gone for good.
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  await expect(page.getByTestId("issued-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  // The list shows the key and what it may do, never its value.
  await page.goto("/dashboard/organizations/api-keys");
  const row = page.getByTestId("api-key-row").filter({ hasText: "CI read production" });
  await expect(row).toContainText("Read-only");
  await expect(row).toContainText("my-app / backend / production");
  await expect(row).toContainText("Active");
  expect(await page.content()).not.toContain(token);
  await page.screenshot({ path: artifactPath("api-keys-list"), fullPage: true });

  // The key page shows it without the token, too.
  await row.getByRole("link", { name: "CI read production" }).click();
  await expect(page.getByRole("heading", { name: "CI read production" })).toBeVisible();
  expect(await page.content()).not.toContain(token);

  await page.getByRole("link", { name: "Open in API Explorer" }).click();
  await expect(page).toHaveURL(new RegExp(`/api-keys/${keyId}/explore$`));
  const radius = page.getByTestId("blast-radius");
  await expect(radius.getByRole("row", { name: /my-app\/backend\/production/ })).toContainText("Yes");
  await expect(radius).not.toContainText("my-app/web/production");

  await page.getByLabel("API token of this key").fill(token);
  await page.getByRole("button", { name: SECRETS_ENDPOINT, exact: true }).click();
  await expect(page.locator("#param-path-organization")).toHaveValue(org);
  await page.locator("#param-path-project").fill("my-app");
  await page.locator("#param-path-target").fill("backend");
  await page.locator("#param-path-environment").fill("production");
  await page.locator("#param-query-merge").selectOption("true");
  await sendExpecting(page, 200);
  await expect(page.getByTestId("preflight")).toContainText("Allowed");
  await expect(page.getByTestId("response-body")).toContainText('"type": "secrets"');
  await expect(page.getByTestId("snippet")).toContainText("$DOTENV_API_KEY");
  await expect(page.getByTestId("snippet")).not.toContainText(token);
  await page.getByRole("tab", { name: "CLI" }).click();
  await expect(page.getByTestId("snippet")).toContainText("dotenv export my-app/backend/production --format=json");
  await page.screenshot({ path: artifactPath("api-keys-explorer"), fullPage: true });

  // Another target of the same project: the key may see the project, but not read there.
  await page.locator("#param-path-target").fill("web");
  await sendExpecting(page, 403);
  await expect(page.getByTestId("preflight")).toContainText("secret:read");

  // Another organization: answered like something that does not exist.
  await page.locator("#param-path-organization").fill(other.organizationId);
  await page.locator("#param-path-target").fill("backend");
  await sendExpecting(page, 404);

  // The explorer's requests are in the audit log with source "explorer", refusals included.
  const audit = await admin.get(`/${org}/audit?actor=${keyId}&limit=50`);
  expect(audit.status).toBe(200);
  const events = audit.body.data as { source: string; action: string; outcome: string }[];
  expect(events.some((event) => event.source === "explorer" && event.action === "secret.read" && event.outcome === "success")).toBe(true);
  expect(events.some((event) => event.source === "explorer" && event.outcome === "denied")).toBe(true);
  expect(JSON.stringify(audit.body)).not.toContain(token);
});

test("expiry must be in the future; rotate and delete cut the old token off at once", async ({ page, request }, testInfo) => {
  const organization = await ownerSession(page, testInfo);
  const org = organization.organizationId;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  // The server refuses a past expiry whatever the form does.
  const refused = await apiClient(request, organization.token).post(`/${org}/tokens`, { name: "Past", permissions: [{ permission: "organization:read" }], expires: yesterday });
  expect(refused.status).toBe(422);
  expect(refused.body.message).toContain("future");

  await page.goto("/dashboard/organizations/api-keys/create");
  await page.getByLabel("Name", { exact: true }).fill("Deploy bot");
  await page.getByRole("button", { name: "Read-only preset" }).click();
  await page.getByLabel("Expiration").selectOption("custom");
  await page.getByLabel("Expiry date").fill(yesterday);
  await expect(page.getByText("That date is in the past").first()).toBeVisible();
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByText("The expiry date must be in the future.")).toBeVisible();
  await expect(page.getByTestId("token-reveal")).toHaveCount(0);

  await page.getByLabel("Expiration").selectOption("never");
  await expect(page.getByTestId("key-warnings")).toContainText("Never expires");
  await page.getByRole("checkbox", { name: "Allow all" }).check();
  await expect(page.getByTestId("key-warnings")).toContainText("Allow all");
  await page.getByRole("button", { name: "Read-only preset" }).click();
  await page.getByRole("button", { name: "Create API key" }).click();
  const { token: first, keyId } = await issuedToken(page);
  const whoami = (token: string) => apiClient(request, token).get(`/${org}/whoami`);
  expect((await whoami(first)).status).toBe(200);

  await page.getByRole("link", { name: "I have copied it — show the key" }).click();
  await expect(page).toHaveURL(new RegExp(`/api-keys/${keyId}$`));
  await expect(page.getByTestId("key-warnings")).toContainText("Never expires");
  await page.getByRole("button", { name: "Rotate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
  const second = await page.getByTestId("issued-token").inputValue();
  expect(second).toMatch(/^dtk_/);
  expect(second).not.toBe(first);
  expect((await whoami(first)).status).toBe(401);
  expect((await whoami(second)).status).toBe(200);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Deploy bot" })).toBeVisible();
  await expect(page.getByTestId("issued-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(second);

  // Edit: a new name and a narrower key; the token itself is untouched.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/api-keys/${keyId}/edit$`));
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Deploy bot");
  await page.getByLabel("Name", { exact: true }).fill("Deploy bot (staging)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Deploy bot (staging)" })).toBeVisible();
  const edited = await whoami(second);
  expect(edited.status).toBe(200);
  expect(edited.body.data.name).toBe("Deploy bot (staging)");

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete key" }).click();
  await expect(page).toHaveURL(/\/api-keys$/);
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Deploy bot" })).toHaveCount(0);
  expect((await whoami(second)).status).toBe(401);
});
