import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parse } from "dotenv";
import { apiClient } from "./api/support";
import { mustSucceed } from "./api/secrets-support";
import { ownerSession } from "./support/dashboard";
import { artifactPath } from "./support";

// The rough edges of daily use (issue 16), on the seeded project my-app: project LOG_LEVEL and
// APP_NAME, target DATABASE_URL and PORT, production LOG_LEVEL, API_KEY and DEBUG.

test.describe.configure({ timeout: 120_000 });

const PRODUCTION = "/dashboard/projects/my-app/secrets/backend/production";
const row = (page: Page, name: string) => page.locator(`[data-testid="secret-row"][data-name="${name}"]`);
const inherited = (page: Page, name: string) => page.locator(`[data-testid="inherited-row"][data-name="${name}"]`);

async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [first, second] = [await a.boundingBox(), await b.boundingBox()];
  if (!first || !second) return false;
  return first.x < second.x + second.width && second.x < first.x + first.width && first.y < second.y + second.height && second.y < first.y + first.height;
}

test("the editor: Tab goes name → value → tags, inherited rows with Override here, the environment switcher, toasts clear of Save", async ({ page, request }, testInfo) => {
  const organization = await ownerSession(page, testInfo);
  const api = apiClient(request, organization.token);
  await mustSucceed(api.post(`/${organization.organizationId}/projects/my-app/targets/backend/environments`, { slug: "staging" }), "staging");
  await page.goto(PRODUCTION);
  await expect(row(page, "API_KEY")).toBeVisible();

  // Names from above are rows of their own: greyed, masked, with their level; LOG_LEVEL is set here.
  for (const [name, level] of [["APP_NAME", "project"], ["DATABASE_URL", "target"], ["PORT", "target"]] as const) {
    await expect(inherited(page, name).locator(`[data-level="${level}"]`)).toBeVisible();
  }
  await expect(inherited(page, "LOG_LEVEL")).toHaveCount(0);
  await expect(inherited(page, "DATABASE_URL")).toContainText("••••••••");
  await expect(page.getByText("postgres://app:change-me")).toHaveCount(0);

  // Override here: the name joins this level's draft and the inherited row gives way to it.
  await page.getByRole("button", { name: "Override PORT here" }).click();
  await expect(row(page, "PORT")).toHaveAttribute("data-state", "added");
  await expect(row(page, "PORT")).toContainText("overrides the target value");
  await expect(inherited(page, "PORT")).toHaveCount(0);
  await page.getByLabel("Value of PORT", { exact: true }).fill("9090");

  // A new name that gets a "Use NEW_FLAG" suggestion: Tab still goes straight to the value, then tags.
  await page.getByRole("button", { name: "Add secret" }).click();
  const name = page.getByLabel("Name of new secret", { exact: true });
  await name.pressSequentially("new flag");
  await expect(page.getByRole("button", { name: "Use NEW_FLAG" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Value of new_flag", { exact: true })).toBeFocused();
  await page.keyboard.type("on");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Tags of new_flag", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Value of new_flag", { exact: true })).toHaveValue("on");
  await page.getByRole("button", { name: "Use NEW_FLAG" }).click();

  await page.getByRole("button", { name: "Review and save" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Confirm and save" }).click();
  const toast = page.getByTestId("toast").filter({ hasText: /Saved version \d+/ });
  await expect(toast).toBeVisible();
  for (const button of ["Review and save", "Discard changes"]) expect(await overlaps(toast, page.getByRole("button", { name: button }))).toBe(false);
  await page.screenshot({ path: artifactPath("daily-editor-inherited-rows"), fullPage: true });
  const stored = (await api.get(`/${organization.organizationId}/my-app/backend/production/secrets?decrypt=true`)).body.data.attributes.levels.environment;
  expect(stored).toMatchObject({ PORT: "9090", NEW_FLAG: "on" });

  // The sibling environments of backend, one click away; the same view opens there.
  const switcher = page.getByRole("navigation", { name: "Environments of backend" });
  await expect(switcher.getByRole("link", { name: "production" })).toHaveAttribute("aria-current", "page");
  await switcher.getByRole("link", { name: "staging" }).click();
  await expect(page).toHaveURL(/\/secrets\/backend\/staging$/);
  for (const name of ["APP_NAME", "LOG_LEVEL", "DATABASE_URL", "PORT"]) await expect(inherited(page, name)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Environments of backend" }).getByRole("link", { name: "staging" })).toHaveAttribute("aria-current", "page");

  // ?name= opens an editor at one name (how the compare matrix and effective values link here).
  await page.goto(`${PRODUCTION}?name=API_KEY`);
  await expect(page.getByLabel("Search names and tags")).toHaveValue("API_KEY");
  await expect(page.getByTestId("secret-row")).toHaveCount(1);
});

test("history says which version a restore brought back; purging is a secondary action at the end", async ({ page }, testInfo) => {
  await ownerSession(page, testInfo);
  await page.goto("/dashboard/projects/my-app/history/backend/production");
  await expect(page.getByTestId("version")).toHaveCount(1);
  // One more version, from the editor, so there is something to restore.
  await page.goto(PRODUCTION);
  await page.getByRole("button", { name: "Delete DEBUG" }).click();
  await page.getByRole("button", { name: "Review and save" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /Saved version 2/ })).toBeVisible();

  await page.goto("/dashboard/projects/my-app/history/backend/production");
  await page.locator('[data-testid="version"][data-version="1"]').getByRole("button", { name: "Restore version 1" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore version 1?" });
  await dialog.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Restored version 1 as version 3" })).toBeVisible();
  const newest = page.locator('[data-testid="version"][data-version="3"]');
  await expect(newest.getByTestId("restored-from")).toHaveText("restored from v1");
  await expect(page.locator('[data-testid="version"][data-version="2"]').getByTestId("restored-from")).toHaveCount(0);

  // Purge sits after the timeline, as a quiet (non-primary) button.
  const purge = page.getByRole("button", { name: "Purge earlier versions…" });
  const lastVersion = page.locator('[data-testid="version"][data-version="1"]');
  expect((await purge.boundingBox())!.y).toBeGreaterThan((await lastVersion.boundingBox())!.y);
  await expect(purge).not.toHaveClass(/bg-red-600/);
});

test("effective values: copy one value, download the merged .env", async ({ page }, testInfo) => {
  await ownerSession(page, testInfo);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/dashboard/projects/my-app/effective/backend/production");
  await page.getByRole("button", { name: "Reveal API_KEY" }).click();
  await page.getByRole("button", { name: "Copy API_KEY" }).click();
  await expect(page.getByRole("button", { name: "Copy API_KEY" })).toHaveText("Copied ✓");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("sk_demo_4f9a2c7e1b");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download .env" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("my-app-backend-production.env");
  const text = fs.readFileSync((await file.path())!, "utf8");
  expect(parse(text)).toEqual({
    LOG_LEVEL: "warn", APP_NAME: "my-app", DATABASE_URL: "postgres://app:change-me@db.internal:5432/app", PORT: "8080", API_KEY: "sk_demo_4f9a2c7e1b", DEBUG: "false",
  });
});
