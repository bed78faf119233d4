import { expect, test } from "@playwright/test";
import { apiClient } from "./api/support";
import { mustSucceed, serverSealer } from "./api/secrets-support";
import { ownerSession } from "./support/dashboard";
import { artifactPath } from "./support";

// The compare page (docs/dashboard.md#pages): every effective name × every environment of my-app,
// grouped by target — a missing name, equal values sharing a letter, filters, and a cell opening
// that level's editor at that name. No value is ever on the page.

test("the drift matrix: a missing name, equal values, filters, and a click into the editor", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const organization = await ownerSession(page, testInfo);
  const o = organization.organizationId;
  const api = apiClient(request, organization.token);
  await mustSucceed(api.post(`/${o}/projects/my-app/targets/backend/environments`, { slug: "staging" }), "staging");
  const { seal } = serverSealer(api, o);
  // staging: the same API key as production, its own LOG_LEVEL, and a name production lacks.
  await mustSucceed(api.post(`/${o}/secrets/store`, { project: "my-app", target: "backend", environment: "staging", content: await seal({ API_KEY: "sk_demo_4f9a2c7e1b", FEATURE_X: "on" }) }), "store");

  await page.goto("/dashboard/projects/my-app");
  await page.getByRole("link", { name: "Compare environments" }).click();
  await expect(page).toHaveURL(/\/dashboard\/projects\/my-app\/compare$/);
  const matrix = page.getByTestId("compare-matrix");
  await expect(matrix.getByRole("columnheader", { name: "backend" })).toBeVisible();
  const cell = (name: string, index: number) => page.locator(`[data-testid="compare-row"][data-name="${name}"] [data-testid="compare-cell"]`).nth(index);
  // Columns in creation order: production, then staging.
  await expect(cell("FEATURE_X", 0)).toHaveAttribute("data-state", "missing");
  await expect(cell("FEATURE_X", 1)).toHaveAttribute("data-state", "environment");
  await expect(cell("API_KEY", 0)).toHaveAttribute("data-group", "1");
  await expect(cell("API_KEY", 1)).toHaveAttribute("data-group", "1");
  await expect(cell("API_KEY", 1)).toContainText("same value as backend/production");
  await expect(cell("LOG_LEVEL", 0)).toHaveAttribute("data-state", "environment");
  await expect(cell("LOG_LEVEL", 1)).toHaveAttribute("data-state", "project");
  await expect(cell("LOG_LEVEL", 1)).toHaveAttribute("data-group", "2");
  await expect(cell("DATABASE_URL", 1)).toHaveText(/From target/);
  for (const value of ["sk_demo_4f9a2c7e1b", "postgres://app", "warn"]) await expect(page.getByText(value)).toHaveCount(0);
  await page.screenshot({ path: artifactPath("compare-matrix"), fullPage: true });

  const shownNames = () => page.getByTestId("compare-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-name")));
  await page.getByRole("button", { name: /^Missing somewhere/ }).click();
  await expect(page.getByTestId("compare-row")).toHaveCount(2);
  expect(await shownNames()).toEqual(["DEBUG", "FEATURE_X"]);
  await page.getByRole("button", { name: /^Differs from backend\/production/ }).click();
  await expect(page.getByTestId("compare-row")).toHaveCount(3);
  expect(await shownNames()).toEqual(["DEBUG", "FEATURE_X", "LOG_LEVEL"]);

  // The missing cell opens production's editor at that name, offering to add it.
  await page.getByRole("button", { name: /^All names/ }).click();
  await cell("FEATURE_X", 0).click();
  await expect(page).toHaveURL(/\/secrets\/backend\/production\?name=FEATURE_X$/);
  await expect(page.getByRole("button", { name: "Add FEATURE_X" })).toBeVisible();
  // An inherited cell opens the level that holds the value.
  await page.goBack();
  await cell("DATABASE_URL", 1).click();
  await expect(page).toHaveURL(/\/secrets\/backend\?name=DATABASE_URL$/);
  await expect(page.locator('[data-testid="secret-row"][data-name="DATABASE_URL"]')).toBeVisible();
});
