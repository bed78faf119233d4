import { expect, test, type Page } from "@playwright/test";
import { apiClient, type ApiClient } from "./api/support";
import { clientKey, mustSucceed, serverSealer, uniqueSlug } from "./api/secrets-support";
import { addPerson, ownerSession, signInQuickly, type OrganizationFixture } from "./support/dashboard";
import { artifactPath } from "./support";

// The inheritance view and the history pages in a real browser. Levels and versions are set up
// through the public API with the seeded allow-all token (source "api"); the pages are then driven
// as people use them, and their effects checked through the API again.

interface Levels {
  project: string;
  target: string;
  environment: string;
}

/** A fresh server-managed project → target → environment. */
async function freshProject(api: ApiClient, org: OrganizationFixture, custody: "server" | "client" = "server", key?: unknown): Promise<Levels> {
  const levels = { project: uniqueSlug("p"), target: "backend", environment: "production" };
  const id = org.organizationId;
  await mustSucceed(api.post(`/${id}/projects`, { slug: levels.project, name: `Shop ${levels.project.slice(-4)}`, custody, ...(key ? { key } : {}) }), "project");
  await mustSucceed(api.post(`/${id}/projects/${levels.project}/targets`, { slug: levels.target, name: "Backend" }), "target");
  await mustSucceed(api.post(`/${id}/projects/${levels.project}/targets/${levels.target}/environments`, { slug: levels.environment, name: "Production" }), "environment");
  return levels;
}

const at = (levels: Levels, depth: "project" | "target" | "environment") =>
  depth === "project" ? { project: levels.project } : depth === "target" ? { project: levels.project, target: levels.target } : levels;

async function storeServer(api: ApiClient, org: OrganizationFixture, levels: Levels, depth: "project" | "target" | "environment", values: Record<string, string>) {
  const sealer = serverSealer(api, org.organizationId, levels.project);
  await mustSucceed(api.post(`/${org.organizationId}/secrets/store`, { ...at(levels, depth), content: await sealer.seal(values) }), "store");
}

/** project < target < environment with DATABASE_URL at all three levels and API_URL at two. */
async function inheritedLevels(api: ApiClient, org: OrganizationFixture): Promise<Levels> {
  const levels = await freshProject(api, org);
  await storeServer(api, org, levels, "project", { DATABASE_URL: "postgres://project", LOG_LEVEL: "info", API_URL: "https://project.example" });
  await storeServer(api, org, levels, "target", { DATABASE_URL: "postgres://target", API_URL: "https://target.example", WORKERS: "4" });
  await storeServer(api, org, levels, "environment", { DATABASE_URL: "postgres://production", SENTRY_DSN: "https://sentry.example/1" });
  return levels;
}

const effectiveUrl = (levels: Levels) => `/dashboard/projects/${levels.project}/effective/${levels.target}/${levels.environment}`;
const historyUrl = (levels: Levels, depth: "project" | "target" | "environment" = "environment") =>
  `/dashboard/projects/${levels.project}/history${depth === "project" ? "" : depth === "target" ? `/${levels.target}` : `/${levels.target}/${levels.environment}`}`;

const row = (page: Page, name: string) => page.getByTestId("effective-row").and(page.locator(`[data-name="${name}"]`));
const version = (page: Page, number: number) => page.getByTestId("version").and(page.locator(`[data-version="${number}"]`));

// Several people sign up and in per test (argon2 on a shared 2-core machine): a roomier budget.
test.describe.configure({ timeout: 120_000 });

test.describe("inheritance view", () => {
  test("shows each effective value, where it comes from and what it overrides; filters; reveals", async ({ page, request }, testInfo) => {
    const org = await ownerSession(page, testInfo);
    const api = apiClient(request, org.token);
    const levels = await inheritedLevels(api, org);

    await page.goto(effectiveUrl(levels));
    await expect(page.getByRole("heading", { level: 1, name: "Effective values · Production" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Backend");
    await expect(page.getByRole("link", { name: "Effective values" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("effective-row")).toHaveCount(5);

    const database = row(page, "DATABASE_URL");
    await expect(database.getByTestId("source-level")).toHaveText("Environment");
    await expect(database.getByTestId("overrides")).toHaveText("overrides target, project");
    await expect(row(page, "API_URL").getByTestId("source-level")).toHaveText("Target");
    await expect(row(page, "API_URL").getByTestId("overrides")).toHaveText("overrides project");
    await expect(row(page, "LOG_LEVEL").getByTestId("source-level")).toHaveText("Project");
    await expect(row(page, "LOG_LEVEL")).toContainText("—");
    await expect(row(page, "LOG_LEVEL").getByRole("link", { name: "Edit LOG_LEVEL in the project editor" })).toHaveAttribute(
      "href",
      `/dashboard/projects/${levels.project}/secrets?name=LOG_LEVEL`,
    );
    await expect(database.getByRole("link", { name: /in the environment editor/ })).toHaveAttribute("href", `/dashboard/projects/${levels.project}/secrets/backend/production?name=DATABASE_URL`);

    // Values are masked until revealed; revealing shows the effective and the overridden values.
    await expect(page.getByText("postgres://production")).toHaveCount(0);
    await database.getByRole("button", { name: "Reveal DATABASE_URL" }).click();
    await expect(database.getByTestId("secret-value")).toHaveText("postgres://production");
    await database.getByRole("button", { name: /Show overridden values \(2\)/ }).click();
    const overridden = page.getByTestId("overridden-values").and(page.locator('[data-name="DATABASE_URL"]'));
    await expect(overridden).toContainText("postgres://target");
    await expect(overridden).toContainText("postgres://project");
    await expect(row(page, "API_URL").getByTestId("secret-value-hidden")).toBeVisible();
    await page.screenshot({ path: artifactPath("dashboard-effective-values"), fullPage: true });
    await database.getByRole("button", { name: "Hide DATABASE_URL" }).click();
    await expect(page.getByText("postgres://production")).toHaveCount(0);

    // Filters and search.
    await page.getByText("Overridden (2)").click();
    await expect(page.getByTestId("effective-row")).toHaveCount(2);
    await page.getByText("From project (1)").click();
    await expect(page.getByTestId("effective-row")).toHaveCount(1);
    await expect(row(page, "LOG_LEVEL")).toBeVisible();
    await page.getByText("All (5)").click();
    await page.keyboard.press("/");
    await expect(page.getByLabel("Search names")).toBeFocused();
    await page.keyboard.type("url");
    await expect(page.getByTestId("effective-row")).toHaveCount(2);
    await page.getByLabel("Search names").fill("nothing-like-this");
    await expect(page.getByRole("heading", { name: "No names match" })).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page.getByTestId("effective-row")).toHaveCount(5);

    await page.getByRole("button", { name: "Reveal all" }).click();
    await expect(row(page, "WORKERS").getByTestId("secret-value")).toHaveText("4");
    await expect(row(page, "SENTRY_DSN").getByTestId("secret-value")).toHaveText("https://sentry.example/1");
    await expect(page.getByRole("button", { name: "Mask all" })).toBeVisible();

    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await expect(page.getByTestId("effective-row")).toHaveCount(5);
    await page.screenshot({ path: artifactPath("dashboard-effective-values-dark"), fullPage: true });
  });

  test("a Member sees names and provenance but no values; an empty environment says where to add them", async ({ page, request, browser }, testInfo) => {
    const org = await ownerSession(page, testInfo);
    const api = apiClient(request, org.token);
    const levels = await inheritedLevels(api, org);
    const empty = await freshProject(api, org);
    const member = await addPerson(request, org, "member");

    const context = await browser.newContext();
    const memberPage = await context.newPage();
    await signInQuickly(memberPage, member.email, member.password);
    await memberPage.goto(effectiveUrl(levels));
    await expect(memberPage.getByText("You can't view values here")).toBeVisible();
    await expect(row(memberPage, "DATABASE_URL").getByTestId("overrides")).toHaveText("overrides target, project");
    await expect(memberPage.getByRole("button", { name: /^Reveal/ })).toHaveCount(0);
    await context.close();

    await page.goto(effectiveUrl(empty));
    await expect(page.getByRole("heading", { name: "No secrets in this environment yet" })).toBeVisible();
    await expect(page.getByRole("link", { name: "target editor" })).toHaveAttribute("href", `/dashboard/projects/${empty.project}/secrets/backend`);
  });

  test("client-managed: locked shows provenance only; unlocking decrypts in the browser", async ({ page, request }, testInfo) => {
    const org = await ownerSession(page, testInfo);
    const api = apiClient(request, org.token);
    const passphrase = `correct horse battery staple ${Date.now()}`;
    const key = await clientKey(passphrase);
    const levels = await freshProject(api, org, "client", key.setup);
    const store = async (depth: "project" | "environment", values: Record<string, string>) =>
      mustSucceed(api.post(`/${org.organizationId}/secrets/store`, { ...at(levels, depth), content: await key.seal(values), key_proof: key.keyProof }), "store");
    await store("project", { TOKEN: "project-token", REGION: "eu" });
    await store("environment", { TOKEN: "production-token" });
    await store("environment", { TOKEN: "production-token-2", EXTRA: "x" });

    await page.goto(effectiveUrl(levels));
    await expect(page.getByText("Values are encrypted with this project's passphrase")).toBeVisible();
    await expect(row(page, "TOKEN").getByTestId("overrides")).toHaveText("overrides project");
    await page.getByRole("button", { name: "Unlock to view values" }).click();
    await page.getByLabel("Passphrase").fill(passphrase);
    await page.getByRole("dialog", { name: /^Unlock/ }).getByRole("button", { name: "Unlock", exact: true }).click();
    await expect(page.getByTestId("project-key-status")).toContainText("Unlocked in this tab");
    await row(page, "TOKEN").getByRole("button", { name: "Reveal TOKEN" }).click();
    await expect(row(page, "TOKEN").getByTestId("secret-value")).toHaveText("production-token-2");

    // The key survives client-side navigation to the history: versions decrypt in the browser too.
    await page.getByRole("link", { name: "History" }).click();
    await expect(version(page, 2)).toBeVisible();
    await version(page, 1).getByRole("button", { name: "View version 1" }).click();
    await version(page, 1).getByRole("button", { name: "Reveal values" }).click();
    const details = version(page, 1).getByTestId("version-details");
    await expect(details.getByTestId("comparison-row").and(page.locator('[data-name="TOKEN"]'))).toHaveAttribute("data-change", "changed");
    await expect(details).toContainText("production-token");
    await expect(details.getByTestId("comparison-row").and(page.locator('[data-name="EXTRA"]'))).toHaveAttribute("data-change", "removed");
  });
});

test.describe("history", () => {
  test("timeline, version view, restore (with a conflict), delete and purge", async ({ page, request }, testInfo) => {
    const org = await ownerSession(page, testInfo);
    const api = apiClient(request, org.token);
    const levels = await freshProject(api, org);
    await storeServer(api, org, levels, "environment", { A: "one", B: "bee" });
    await storeServer(api, org, levels, "environment", { A: "two", C: "sea" });
    await storeServer(api, org, levels, "environment", { A: "three", C: "sea" });

    await page.goto(historyUrl(levels));
    await expect(page.getByRole("heading", { level: 1, name: "History · Production" })).toBeVisible();
    await expect(page.getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("version")).toHaveCount(3);
    await expect(page.getByTestId("version").first()).toHaveAttribute("data-version", "3");
    const v2 = version(page, 2);
    await expect(version(page, 3)).toContainText("Current");
    await expect(v2.getByTestId("version-source")).toHaveText("API");
    await expect(v2.getByTestId("version-actor")).toContainText("API key");
    await expect(v2.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
    await expect(v2.locator('[data-change="added"]')).toContainText("C");
    await expect(v2.locator('[data-change="changed"]')).toContainText("A");
    await expect(v2.locator('[data-change="removed"]')).toContainText("B");
    await expect(version(page, 3).getByRole("button", { name: "Restore version 3" })).toHaveCount(0);

    // Open version 1: its names compared with the current content, values on demand.
    await version(page, 1).getByRole("button", { name: "View version 1" }).click();
    const details = version(page, 1).getByTestId("version-details");
    await expect(details).toContainText("2 names");
    await expect(details.getByTestId("comparison-row")).toHaveCount(3);
    await expect(details.locator('[data-name="B"]')).toHaveAttribute("data-change", "added");
    await expect(details.locator('[data-name="C"]')).toHaveAttribute("data-change", "removed");
    await expect(details).not.toContainText("one");
    await details.getByRole("button", { name: "Reveal values" }).click();
    await expect(details.locator('[data-name="A"]')).toContainText("one");
    await expect(details.locator('[data-name="A"]')).toContainText("three");
    await page.screenshot({ path: artifactPath("dashboard-history"), fullPage: true });

    // Restore version 1 from the dialog that shows what will change.
    await version(page, 1).getByRole("button", { name: "Restore version 1" }).click();
    const dialog = page.getByRole("dialog", { name: "Restore version 1?" });
    await expect(dialog.getByTestId("restore-summary")).toHaveText("Restoring it would add 1, change 1 and remove 1 names.");
    await page.screenshot({ path: artifactPath("dashboard-history-restore"), fullPage: true });
    await dialog.getByRole("button", { name: "Restore version 1" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "Restored version 1 as version 4" })).toBeVisible();
    await expect(version(page, 4)).toContainText("Current");
    await expect(version(page, 4).getByTestId("version-source")).toHaveText("Dashboard");
    await expect(version(page, 4).getByTestId("version-actor")).toHaveText(org.owner.email);
    const current = await api.get(`/${org.organizationId}/${levels.project}/${levels.target}/${levels.environment}/secrets?decrypt=true&merge=false`);
    expect(current.body.data.attributes.levels.environment).toEqual({ A: "one", B: "bee" });

    // Someone saves while the restore dialog is open: a clear conflict, nothing overwritten, then it works.
    await version(page, 2).getByRole("button", { name: "Restore version 2" }).click();
    const second = page.getByRole("dialog", { name: "Restore version 2?" });
    await expect(second.getByTestId("restore-summary")).toBeVisible();
    await storeServer(api, org, levels, "environment", { A: "concurrent" });
    await second.getByRole("button", { name: "Restore version 2" }).click();
    await expect(second.getByRole("alert")).toContainText("Someone saved this level after you opened its history");
    await expect(version(page, 5)).toContainText("Current");
    await second.getByRole("button", { name: "Restore version 2" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "Restored version 2 as version 6" })).toBeVisible();

    // Delete one version: the button waits for the level's path to be typed.
    await version(page, 2).getByRole("button", { name: "Delete version 2" }).click();
    const remove = page.getByRole("dialog", { name: "Delete version 2?" });
    const confirm = remove.getByRole("button", { name: "Delete version 2" });
    await expect(confirm).toBeDisabled();
    const label = `${levels.project}/${levels.target}/${levels.environment}`;
    await remove.getByLabel(`Type ${label} to confirm`).fill(`${levels.project}/backend`);
    await expect(confirm).toBeDisabled();
    await remove.getByLabel(`Type ${label} to confirm`).fill(label);
    await confirm.click();
    await expect(page.getByTestId("toast").filter({ hasText: "Deleted version 2" })).toBeVisible();
    await expect(version(page, 2)).toHaveCount(0);

    // Purge every earlier version.
    await page.getByRole("button", { name: "Purge earlier versions" }).click();
    const purge = page.getByRole("dialog", { name: "Purge earlier versions?" });
    await purge.getByLabel(`Type ${label} to confirm`).fill(label);
    await purge.getByRole("button", { name: "Purge earlier versions" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "Purged 4 earlier versions" })).toBeVisible();
    await expect(page.getByTestId("version")).toHaveCount(1);
    await expect(version(page, 6)).toContainText("Current");
    await expect(page.getByRole("button", { name: "Purge earlier versions" })).toHaveCount(0);

    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await version(page, 6).getByRole("button", { name: "View version 6" }).click();
    await expect(version(page, 6).getByTestId("version-details")).toContainText("this is the current content");
    await page.screenshot({ path: artifactPath("dashboard-history-dark"), fullPage: true });
  });

  test("project and target levels, empty history, load more", async ({ page, request }, testInfo) => {
    const org = await ownerSession(page, testInfo);
    const api = apiClient(request, org.token);
    const levels = await freshProject(api, org);
    for (let index = 1; index <= 23; index++) await storeServer(api, org, levels, "project", { COUNTER: String(index) });

    await page.goto(historyUrl(levels, "project"));
    await expect(page.getByRole("heading", { level: 1, name: /^History · Shop/ })).toBeVisible();
    await expect(page.getByTestId("version")).toHaveCount(20);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(page.getByTestId("version")).toHaveCount(23);
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
    await expect(page.getByTestId("version").last()).toHaveAttribute("data-version", "1");

    await page.goto(historyUrl(levels, "target"));
    await expect(page.getByRole("heading", { name: "No versions yet — every save records one" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Open the target editor" })).toHaveAttribute("href", `/dashboard/projects/${levels.project}/secrets/backend`);

    await page.goto(`/dashboard/projects/${levels.project}/history/backend/production/extra`);
    await expect(page.getByText(/not found|404/i).first()).toBeVisible();
    await page.goto(`/dashboard/projects/no-such-project/history`);
    await expect(page.getByText(/not found|404/i).first()).toBeVisible();
  });

  test("controls follow permissions: a Member restores but cannot purge; an Auditor sees names and who/when, nothing more", async ({ page, request, browser }, testInfo) => {
    const org = await ownerSession(page, testInfo);
    const api = apiClient(request, org.token);
    const levels = await freshProject(api, org);
    await storeServer(api, org, levels, "target", { A: "1" });
    await storeServer(api, org, levels, "target", { A: "2" });
    const member = await addPerson(request, org, "member");
    const auditor = await addPerson(request, org, "auditor");

    const memberContext = await browser.newContext();
    const memberPage = await memberContext.newPage();
    await signInQuickly(memberPage, member.email, member.password);
    await memberPage.goto(historyUrl(levels, "target"));
    await expect(version(memberPage, 1).getByRole("button", { name: "Restore version 1" })).toBeVisible();
    await expect(memberPage.getByRole("button", { name: /^Delete version/ })).toHaveCount(0);
    await expect(memberPage.getByRole("button", { name: "Purge earlier versions" })).toHaveCount(0);
    await version(memberPage, 1).getByRole("button", { name: "View version 1" }).click();
    await expect(version(memberPage, 1).getByTestId("version-details")).toContainText("You can't view values here.");
    await memberContext.close();

    const auditorContext = await browser.newContext();
    const auditorPage = await auditorContext.newPage();
    await signInQuickly(auditorPage, auditor.email, auditor.password);
    await auditorPage.goto(historyUrl(levels, "target"));
    // The version list is the level's audit trail (audit:read); values and content need secret:history.
    await expect(version(auditorPage, 2)).toBeVisible();
    await expect(auditorPage.getByText(/Values and the content of versions need the secret:history permission/)).toBeVisible();
    await expect(auditorPage.getByRole("button", { name: /^(View|Restore|Delete) version/ })).toHaveCount(0);
    await expect(auditorPage.getByRole("button", { name: "Purge earlier versions" })).toHaveCount(0);
    await expect(auditorPage.getByRole("navigation", { name: "Level views" }).getByRole("link", { name: "History" })).toBeVisible();
    await auditorContext.close();
  });
});
