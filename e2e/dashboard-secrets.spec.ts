import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiClient, type ApiClient } from "./api/support";
import { mustSucceed, uniqueSlug } from "./api/secrets-support";
import { addPerson, ownerSession, signInQuickly, type OrganizationFixture } from "./support/dashboard";
import { artifactPath } from "./support/index";

// The secrets editor of a server-managed level (docs/dashboard.md#pages): edit locally, review the diff,
// save once with expected_version; import a .env; the text view; reveal and copy; a concurrent
// save shows both sides; a Member sets values without seeing them; an Auditor only reads.

const PRODUCTION = "/dashboard/projects/my-app/secrets/backend/production";

/** NAME → plaintext of a level, decrypted by the server for the allow-all token. */
async function storedValues(api: ApiClient, organizationId: string, level: string): Promise<Record<string, string>> {
  const response = await api.get(`/${organizationId}/${level}/secrets?decrypt=true`);
  expect(response.status).toBe(200);
  const levels = response.body.data.attributes.levels as Record<string, Record<string, string>>;
  return levels[Object.keys(levels).at(-1)!]!;
}

async function freshEnvironment(api: ApiClient, organizationId: string, values?: Record<string, string>) {
  const target = uniqueSlug("t");
  const environment = uniqueSlug("e");
  await mustSucceed(api.post(`/${organizationId}/projects/my-app/targets`, { slug: target }), "target");
  await mustSucceed(api.post(`/${organizationId}/projects/my-app/targets/${target}/environments`, { slug: environment }), "environment");
  if (values) {
    const key = await api.post(`/${organizationId}/secrets/retrieve`, { project: "my-app", action: "key:retrieve" });
    const { importDataKey, sealBlob } = await import("../lib/crypto");
    const content = await sealBlob(await importDataKey(key.body.data.data_key), values);
    await mustSucceed(api.post(`/${organizationId}/secrets/store`, { project: "my-app", target, environment, content }), "store");
  }
  return { target, environment, level: `my-app/${target}/${environment}`, url: `/dashboard/projects/my-app/secrets/${target}/${environment}` };
}

const row = (page: Page, name: string) => page.locator(`[data-testid="secret-row"][data-name="${name}"]`);

async function reviewAndSave(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Review and save" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /Saved version \d+/ })).toBeVisible();
  await expect(dialog).toBeHidden();
}

async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInQuickly(page, email, password);
  return page;
}

test.describe("secrets editor (server-managed)", () => {
  let organization: OrganizationFixture;

  test("add, edit and delete at an environment: review lists the names, values persist", async ({ page, request }, testInfo) => {
    test.setTimeout(90_000);
    organization = await ownerSession(page, testInfo);
    const api = apiClient(request, organization.token);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(PRODUCTION);
    await expect(page.getByRole("heading", { name: /Secrets/ })).toBeVisible();
    await expect(page.getByTestId("custody-badge")).toHaveText("Server-managed");
    for (const name of ["LOG_LEVEL", "API_KEY", "DEBUG"]) await expect(row(page, name)).toBeVisible();
    // Masked by default: the value is not in the page until revealed.
    await expect(page.getByText("sk_demo_4f9a2c7e1b")).toHaveCount(0);

    await page.getByRole("button", { name: "Reveal API_KEY" }).click();
    await expect(page.getByLabel("Value of API_KEY", { exact: true })).toHaveValue("sk_demo_4f9a2c7e1b");
    await expect(page.getByLabel("Value of API_KEY", { exact: true })).toHaveClass(/secret/);
    await page.getByRole("button", { name: "Copy API_KEY" }).click();
    await expect(page.getByRole("button", { name: "Copy API_KEY" })).toHaveText("Copied ✓");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("sk_demo_4f9a2c7e1b");

    await page.getByLabel("Value of API_KEY", { exact: true }).fill("sk_live_rotated_1");
    await expect(row(page, "API_KEY")).toHaveAttribute("data-state", "changed");
    await page.getByRole("button", { name: "Delete DEBUG" }).click();
    await expect(row(page, "DEBUG")).toHaveAttribute("data-state", "removed");
    await expect(row(page, "DEBUG").getByText("Removed")).toBeVisible();

    await page.getByRole("button", { name: "Add secret" }).click();
    await page.getByLabel("Name of new secret", { exact: true }).pressSequentially("new key");
    await expect(page.getByLabel("Name of new_key", { exact: true })).toHaveValue("new_key");
    await page.getByRole("button", { name: "Use NEW_KEY" }).click();
    await page.getByLabel("Value of NEW_KEY", { exact: true }).fill("hello world");
    await page.getByLabel("Tags of NEW_KEY", { exact: true }).fill("api, critical");
    await expect(row(page, "NEW_KEY")).toHaveAttribute("data-state", "added");
    await expect(page.getByTestId("change-count")).toHaveText(/3 unsaved changes/);

    // Keyboard: Enter moves on (adding a row after the last), Esc discards the new row; "/" searches.
    await page.getByLabel("Tags of NEW_KEY", { exact: true }).press("Enter");
    await expect(page.getByLabel("Name of new secret", { exact: true })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByLabel("Name of new secret", { exact: true })).toHaveCount(0);
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search names and tags" })).toBeFocused();
    await page.keyboard.type("new");
    await expect(page.getByTestId("secret-row")).toHaveCount(1);
    await page.getByRole("searchbox", { name: "Search names and tags" }).fill("MISSING_NAME");
    await expect(page.getByRole("button", { name: "Add MISSING_NAME" })).toBeVisible();
    await page.getByRole("searchbox", { name: "Search names and tags" }).fill("");
    await expect(page.getByTestId("secret-row")).toHaveCount(4);

    // A duplicate name blocks the save with a message at its row; undo removes it again.
    await page.getByRole("button", { name: "Add secret" }).click();
    await page.getByLabel("Name of new secret", { exact: true }).fill("LOG_LEVEL");
    await expect(page.getByText("LOG_LEVEL is already used in this level.")).toBeVisible();
    await page.getByRole("button", { name: "Discard new LOG_LEVEL" }).click();
    await expect(page.getByText("LOG_LEVEL is already used in this level.")).toHaveCount(0);
    await page.screenshot({ path: artifactPath("editor-draft"), fullPage: true });
    // Dark mode as lib/client/theme.ts applies it (a class on <html>), without reloading the draft away.
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.screenshot({ path: artifactPath("editor-draft-dark"), fullPage: true });
    await page.evaluate(() => document.documentElement.classList.remove("dark"));

    // The unsaved-changes guard asks before an in-app link leaves the draft.
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("link", { name: "Projects" }).first().click();
    await expect(page).toHaveURL(new RegExp(`${PRODUCTION}$`));

    await page.getByRole("button", { name: "Review and save" }).click();
    const review = page.getByRole("dialog", { name: "Review changes" });
    await expect(review.getByTestId("review-added")).toHaveText([/NEW_KEY/]);
    await expect(review.getByTestId("review-changed")).toHaveText([/API_KEY/]);
    await expect(review.getByTestId("review-removed")).toHaveText([/DEBUG/]);
    await expect(review.getByText("sk_live_rotated_1")).toHaveCount(0);
    await review.getByLabel("Show values").check();
    await expect(review.getByText("sk_live_rotated_1")).toBeVisible();
    // The removed DEBUG was never revealed: showing values fetches its old value for the review.
    await expect(review.getByTestId("review-removed")).toContainText("false");
    await page.screenshot({ path: artifactPath("editor-review-dialog"), fullPage: true });
    await review.getByRole("button", { name: "Confirm and save" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: /Saved version \d+/ })).toBeVisible();

    await page.reload();
    await expect(row(page, "NEW_KEY")).toBeVisible();
    await expect(row(page, "DEBUG")).toHaveCount(0);
    const stored = await storedValues(api, organization.organizationId, "my-app/backend/production");
    expect(stored).toMatchObject({ API_KEY: "sk_live_rotated_1", NEW_KEY: "hello world" });
    expect(stored).not.toHaveProperty("DEBUG");
    const read = (await api.get(`/${organization.organizationId}/my-app/backend/production/secrets`)).body.data.attributes;
    expect(read.tags.environment.NEW_KEY).toEqual(["api", "critical"]);
  });

  test("paste a .env to import, then edit the level as text", async ({ page, request }, testInfo) => {
    test.setTimeout(90_000);
    organization = await ownerSession(page, testInfo);
    const api = apiClient(request, organization.token);
    const level = await freshEnvironment(api, organization.organizationId);
    await page.goto(level.url);
    await expect(page.getByText("No secrets at this level yet")).toBeVisible();

    await page.getByRole("button", { name: "Paste a .env" }).click();
    const dialog = page.getByRole("dialog", { name: "Import a .env" });
    await dialog.getByLabel(".env contents").fill("# pasted\nexport A=1\nB='two words'\nnot a line\n");
    await expect(dialog.getByText("Line 4: expected NAME=value.")).toBeVisible();
    await dialog.getByLabel(".env contents").fill("# pasted\nexport A=1\nB='two words'\n");
    await expect(dialog.getByTestId("import-preview-item")).toHaveCount(2);
    await expect(dialog.locator('[data-kind="new"]')).toHaveCount(2);
    await dialog.getByRole("button", { name: "Add 2 to draft" }).click();
    await expect(row(page, "A")).toHaveAttribute("data-state", "added");
    await expect(page.getByLabel("Value of B", { exact: true })).toHaveValue("two words");

    await page.getByRole("button", { name: "Edit as text" }).click();
    const text = page.getByLabel("This level as .env text");
    await expect(text).toHaveValue("A=1\nB='two words'\n");
    await text.fill("A=1\nB='two words'\nbroken\n");
    await expect(page.getByText("Line 3: expected NAME=value.")).toBeVisible();
    await page.getByRole("button", { name: "Back to table" }).click();
    await expect(text).toBeVisible(); // still in text mode: the draft is not lost
    await text.fill('A=one\nB=\'two words\'\nC="multi\\nline"\n');
    await page.getByRole("button", { name: "Back to table" }).click();
    await expect(page.getByLabel("Value of A", { exact: true })).toHaveValue("one");
    await expect(page.getByLabel("Value of C", { exact: true })).toHaveValue("multi\nline");

    // A second import flags changed and unchanged names against the draft.
    await page.getByRole("button", { name: "Import .env" }).click();
    await dialog.getByLabel(".env contents").fill("A=one\nB=2\n");
    await expect(dialog.locator('[data-kind="unchanged"]')).toHaveCount(1);
    await expect(dialog.locator('[data-kind="changed"]')).toHaveCount(1);
    await dialog.getByRole("button", { name: "Add 2 to draft" }).click();
    await reviewAndSave(page);
    expect(await storedValues(api, organization.organizationId, level.level)).toEqual({ A: "one", B: "2", C: "multi\nline" });
  });

  test("two people save the same level: the second sees both sides and nothing is lost", async ({ page, browser, request }, testInfo) => {
    test.setTimeout(120_000);
    organization = await ownerSession(page, testInfo);
    const api = apiClient(request, organization.token);
    const level = await freshEnvironment(api, organization.organizationId, { SHARED: "base", KEEP: "k" });
    const developer = await addPerson(request, organization, "developer", "Dev Eloper");
    const other = await signedInPage(browser, developer.email, developer.password);
    await page.goto(level.url);
    await other.goto(level.url);
    await expect(row(page, "SHARED")).toBeVisible();
    await expect(row(other, "SHARED")).toBeVisible();

    // The developer starts editing first (a draft in progress is never replaced by a refresh)…
    await other.getByRole("button", { name: "Reveal SHARED" }).click();
    await other.getByLabel("Value of SHARED", { exact: true }).fill("from-developer");

    // …meanwhile the owner changes SHARED, adds A_ONLY, and saves first.
    await page.getByRole("button", { name: "Reveal SHARED" }).click();
    await page.getByLabel("Value of SHARED", { exact: true }).fill("from-owner");
    await page.getByRole("button", { name: "Add secret" }).click();
    await page.getByLabel("Name of new secret", { exact: true }).fill("A_ONLY");
    await page.getByLabel("Value of A_ONLY", { exact: true }).fill("a");
    await reviewAndSave(page);

    // The developer, still on the old version, adds B_ONLY and saves.
    await other.getByRole("button", { name: "Add secret" }).click();
    await other.getByLabel("Name of new secret", { exact: true }).fill("B_ONLY");
    await other.getByLabel("Value of B_ONLY", { exact: true }).fill("b");
    await other.getByRole("button", { name: "Review and save" }).click();
    await other.getByRole("button", { name: "Confirm and save" }).click();

    const conflict = other.getByRole("dialog", { name: "Someone else saved these secrets" });
    await expect(conflict).toBeVisible();
    await conflict.getByLabel("Show values").check();
    const shared = conflict.locator('[data-testid="conflict-row"][data-name="SHARED"]');
    await expect(shared).toContainText("from-owner");
    await expect(shared).toContainText("from-developer");
    await expect(conflict.locator('[data-testid="conflict-row"][data-name="A_ONLY"]')).toContainText("a");
    await expect(conflict.locator('[data-testid="conflict-row"][data-name="B_ONLY"]')).toContainText("b");
    await other.screenshot({ path: artifactPath("editor-conflict"), fullPage: true });
    // Nothing was stored by the refused save.
    expect(await storedValues(api, organization.organizationId, level.level)).toEqual({ SHARED: "from-owner", KEEP: "k", A_ONLY: "a" });

    await shared.getByLabel("Take mine").check();
    await conflict.getByRole("button", { name: "Apply and review" }).click();
    const review = other.getByRole("dialog", { name: "Review changes" });
    await expect(review.getByTestId("review-added")).toHaveText([/B_ONLY/]);
    await expect(review.getByTestId("review-changed")).toHaveText([/SHARED/]);
    await review.getByRole("button", { name: "Confirm and save" }).click();
    await expect(other.getByTestId("toast").filter({ hasText: /Saved version 3/ })).toBeVisible();
    expect(await storedValues(api, organization.organizationId, level.level)).toEqual({ SHARED: "from-developer", KEEP: "k", A_ONLY: "a", B_ONLY: "b" });
    await other.context().close();
  });

  test("a Member sets a value without seeing any; the Owner can reveal it", async ({ page, browser, request }, testInfo) => {
    test.setTimeout(120_000);
    organization = await ownerSession(page, testInfo);
    const api = apiClient(request, organization.token);
    const member = await addPerson(request, organization, "member", "Mem Ber");
    const memberPage = await signedInPage(browser, member.email, member.password);
    await memberPage.goto(PRODUCTION);
    await expect(row(memberPage, "API_KEY")).toBeVisible();
    await expect(memberPage.getByRole("button", { name: /^Reveal/ })).toHaveCount(0);
    await expect(memberPage.getByRole("button", { name: "Reveal all" })).toHaveCount(0);
    await expect(row(memberPage, "API_KEY").getByText("You can set a new value but not view the current one.")).toBeVisible();
    await memberPage.screenshot({ path: artifactPath("editor-member-view"), fullPage: true });

    await memberPage.getByRole("button", { name: "Set a new value for API_KEY" }).click();
    await memberPage.getByLabel("Value of API_KEY", { exact: true }).fill("set-by-member");
    await reviewAndSave(memberPage);
    await memberPage.reload();
    await expect(memberPage.getByText("set-by-member")).toHaveCount(0);

    const stored = await storedValues(api, organization.organizationId, "my-app/backend/production");
    expect(stored.API_KEY).toBe("set-by-member");
    expect(stored.LOG_LEVEL).toBeDefined(); // untouched values were kept (sent back as ciphertext)
    await page.goto(PRODUCTION);
    await page.getByRole("button", { name: "Reveal API_KEY" }).click();
    await expect(page.getByLabel("Value of API_KEY", { exact: true })).toHaveValue("set-by-member");
    await memberPage.context().close();
  });

  test("an Auditor reads names only: no edit controls, no reveal, and the API refuses a write", async ({ page, browser, request }, testInfo) => {
    test.setTimeout(120_000);
    organization = await ownerSession(page, testInfo);
    const auditor = await addPerson(request, organization, "auditor", "Au Ditor");
    const auditorPage = await signedInPage(browser, auditor.email, auditor.password);
    await auditorPage.goto(PRODUCTION);
    await expect(row(auditorPage, "API_KEY")).toBeVisible();
    await expect(auditorPage.getByText("You have read-only access to this level")).toBeVisible();
    for (const name of ["Add secret", "Import .env", "Edit as text", "Review and save", "Reveal all", "Reveal API_KEY", "Delete API_KEY"]) {
      await expect(auditorPage.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await expect(auditorPage.getByRole("textbox")).toHaveCount(0);
    await expect(auditorPage.getByRole("searchbox")).toHaveCount(1);

    const refused = await auditorPage.evaluate(async (organizationId) => {
      const response = await fetch(`/api/v1/${organizationId}/secrets/store`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ project: "my-app", target: "backend", environment: "production", content: "" }),
      });
      return { status: response.status, body: await response.json() };
    }, organization.organizationId);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe("insufficient_permissions");
    await auditorPage.context().close();
  });

  test("more than two level segments, or an unknown level, is not found", async ({ page }, testInfo) => {
    await ownerSession(page, testInfo);
    // (The project layout streams a loading state first, so the answer's status is already sent: check the page.)
    await page.goto("/dashboard/projects/my-app/secrets/backend/production/extra");
    await expect(page.getByRole("heading", { name: "Level not found" })).toBeVisible();
    await page.goto("/dashboard/projects/my-app/secrets/backend/nowhere");
    await expect(page.getByRole("heading", { name: "Level not found" })).toBeVisible();
  });
});
