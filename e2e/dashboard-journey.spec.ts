import { expect, test, type Page } from "@playwright/test";
import { artifactPath, strongPassword, uniqueEmail } from "./support";

// The whole dashboard journey of a new user (issue 4, first "Prove it" bullet), through the UI
// only: sign up → organization → server-managed project → target → environment → secrets at all
// three levels, DATABASE_URL overridden at each → the inheritance view shows where each value comes
// from and what it overrides → edit → review the diff → save → the history shows who, when, from
// where and which names changed → restore → the restored values are current again. A screenshot
// of each main page is kept (dashboard tour, e2e/.artifacts/tour-*.png).

const PROJECT = "journey-shop";
const PROJECT_LEVEL = `/dashboard/projects/${PROJECT}/secrets`;
const TARGET_LEVEL = `${PROJECT_LEVEL}/backend`;
const ENVIRONMENT_LEVEL = `${PROJECT_LEVEL}/backend/production`;

const effectiveRow = (page: Page, name: string) => page.locator(`[data-testid="effective-row"][data-name="${name}"]`);
const version = (page: Page, number: number) => page.locator(`[data-testid="version"][data-version="${number}"]`);

/** Imports a .env into the level's editor and saves it through the review dialog. */
async function importAndSave(page: Page, env: string, count: number, screenshot?: string) {
  await page.getByRole("button", { name: "Paste a .env" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Import a .env" });
  await dialog.getByLabel(".env contents").fill(env);
  await dialog.getByRole("button", { name: `Add ${count} to draft` }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Review and save" }).click();
  const review = page.getByRole("dialog", { name: "Review changes" });
  await expect(review.getByTestId("review-added")).toHaveCount(count);
  if (screenshot) await page.screenshot({ path: artifactPath(screenshot), fullPage: true });
  await review.getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved version 1" })).toBeVisible();
  await expect(review).toBeHidden();
}

test("a new user builds a hierarchy, sees inheritance, edits, reviews, saves, reads the history and restores", async ({ page }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("journey");
  const password = strongPassword();

  // Sign up and create an organization.
  await page.goto("/signup");
  await page.screenshot({ path: artifactPath("tour-01-signup"), fullPage: true });
  await page.getByLabel("Name").fill("Jo Journey");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Welcome to DotEnv, Jo Journey" })).toBeVisible();
  await page.getByLabel("Organization name").fill("Journey Labs");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: "Journey Labs", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
  await page.screenshot({ path: artifactPath("tour-02-projects-empty"), fullPage: true });

  // A server-managed project, its target and environment.
  await page.getByRole("link", { name: "New project" }).click();
  await page.getByLabel("Project name").fill("Journey Shop");
  await expect(page.getByLabel("Slug")).toHaveValue(PROJECT);
  await page.screenshot({ path: artifactPath("tour-03-new-project"), fullPage: true });
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/projects/${PROJECT}$`));
  await expect(page.getByTestId("custody-badge")).toHaveText("Server-managed");
  await page.getByLabel("New target slug").fill("backend");
  await page.getByRole("button", { name: "Add target", exact: true }).click();
  await page.getByLabel("New environment slug").fill("production");
  await page.getByRole("button", { name: "Add environment", exact: true }).click();
  await expect(page.getByRole("link", { name: "Secrets of backend / production" })).toBeVisible();
  await page.screenshot({ path: artifactPath("tour-04-project-overview"), fullPage: true });

  // Secrets at all three levels; DATABASE_URL at each, API_URL at two.
  await page.getByRole("link", { name: "Project-wide secrets" }).click();
  await expect(page).toHaveURL(new RegExp(`${PROJECT_LEVEL}$`));
  await importAndSave(page, "DATABASE_URL=postgres://project\nLOG_LEVEL=info\nAPI_URL=https://project.example\n", 3);
  await page.goto(TARGET_LEVEL);
  await importAndSave(page, "DATABASE_URL=postgres://target\nAPI_URL=https://target.example\n", 2);
  await page.goto(ENVIRONMENT_LEVEL);
  await importAndSave(page, "DATABASE_URL=postgres://production\nSENTRY_DSN=https://sentry.example/1\n", 2, "tour-05-review-import");
  await page.screenshot({ path: artifactPath("tour-06-editor"), fullPage: true });

  // The inheritance view: where each value comes from and what it overrides.
  await page.getByRole("link", { name: "Effective values" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/projects/${PROJECT}/effective/backend/production$`));
  await expect(page.getByTestId("effective-row")).toHaveCount(4);
  await expect(effectiveRow(page, "DATABASE_URL").getByTestId("source-level")).toHaveText("Environment");
  await expect(effectiveRow(page, "DATABASE_URL").getByTestId("overrides")).toHaveText("overrides target, project");
  await expect(effectiveRow(page, "API_URL").getByTestId("source-level")).toHaveText("Target");
  await expect(effectiveRow(page, "API_URL").getByTestId("overrides")).toHaveText("overrides project");
  await expect(effectiveRow(page, "LOG_LEVEL").getByTestId("source-level")).toHaveText("Project");
  await effectiveRow(page, "DATABASE_URL").getByRole("button", { name: "Reveal DATABASE_URL" }).click();
  await effectiveRow(page, "DATABASE_URL").getByRole("button", { name: /Show overridden values/ }).click();
  await expect(effectiveRow(page, "DATABASE_URL").getByTestId("secret-value")).toHaveText("postgres://production");
  await expect(page.locator('[data-testid="overridden-values"][data-name="DATABASE_URL"]')).toContainText("postgres://target");
  await page.screenshot({ path: artifactPath("tour-07-effective-values"), fullPage: true });

  // Edit the environment's DATABASE_URL, review the diff, save.
  await page.getByRole("link", { name: "Secrets", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${ENVIRONMENT_LEVEL}$`));
  await page.getByRole("button", { name: "Reveal DATABASE_URL" }).click();
  await expect(page.getByLabel("Value of DATABASE_URL", { exact: true })).toHaveValue("postgres://production");
  await page.getByLabel("Value of DATABASE_URL", { exact: true }).fill("postgres://production-v2");
  await page.getByRole("button", { name: "Review and save" }).click();
  const review = page.getByRole("dialog", { name: "Review changes" });
  await expect(review.getByTestId("review-changed")).toHaveText([/DATABASE_URL/]);
  await review.getByLabel("Show values").check();
  await expect(review.getByText("postgres://production-v2")).toBeVisible();
  await page.screenshot({ path: artifactPath("tour-08-review-diff"), fullPage: true });
  await review.getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved version 2" })).toBeVisible();

  // The history: both versions, who, when, from where, which names changed.
  await page.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/projects/${PROJECT}/history/backend/production$`));
  await expect(page.getByTestId("version")).toHaveCount(2);
  await expect(version(page, 2)).toContainText("Current");
  await expect(version(page, 2).getByTestId("version-actor")).toHaveText(email);
  await expect(version(page, 2).getByTestId("version-source")).toHaveText("Dashboard");
  await expect(version(page, 2).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  await expect(version(page, 2).locator('[data-change="changed"]')).toContainText("DATABASE_URL");
  await expect(version(page, 1).locator('[data-change="added"]')).toContainText("SENTRY_DSN");
  await version(page, 1).getByRole("button", { name: "View version 1" }).click();
  await version(page, 1).getByRole("button", { name: "Reveal values" }).click();
  await expect(version(page, 1).locator('[data-testid="comparison-row"][data-name="DATABASE_URL"]')).toContainText("postgres://production-v2");
  await page.screenshot({ path: artifactPath("tour-09-history"), fullPage: true });

  // Restore version 1: a new version 3 whose values are current.
  await version(page, 1).getByRole("button", { name: "Restore version 1" }).click();
  const restore = page.getByRole("dialog", { name: "Restore version 1?" });
  // Compared by value once revealed (stored ciphertext differs whenever a value is written again).
  await restore.getByRole("button", { name: "Reveal values" }).click();
  await expect(restore.locator('[data-testid="comparison-row"][data-name="DATABASE_URL"]')).toContainText("postgres://production-v2");
  await expect(restore.getByTestId("restore-summary")).toHaveText("Restoring it would change 1 name.");
  await page.screenshot({ path: artifactPath("tour-10-restore"), fullPage: true });
  await restore.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Restored version 1 as version 3" })).toBeVisible();
  await expect(version(page, 3)).toContainText("Current");

  await page.getByRole("link", { name: "Effective values" }).click();
  await effectiveRow(page, "DATABASE_URL").getByRole("button", { name: "Reveal DATABASE_URL" }).click();
  await expect(effectiveRow(page, "DATABASE_URL").getByTestId("secret-value")).toHaveText("postgres://production");
  await page.getByRole("link", { name: "Secrets", exact: true }).click();
  await page.getByRole("button", { name: "Reveal DATABASE_URL" }).click();
  await expect(page.getByLabel("Value of DATABASE_URL", { exact: true })).toHaveValue("postgres://production");
  await expect(page.getByTestId("change-count")).toHaveText(/version 3/);
});
