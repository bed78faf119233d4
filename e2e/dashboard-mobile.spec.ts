import { expect, test } from "@playwright/test";
import { apiClient } from "./api/support";
import { mustSucceed } from "./api/secrets-support";
import { addPerson, ownerSession } from "./support/dashboard";
import { artifactPath } from "./support";

// A phone (390 × 844): no dashboard page scrolls sideways, the navigation sits behind a Menu (with
// the theme), the palette is reachable, and email addresses wrap as addresses, not letter by letter.
// One browser session visits every page. (Pages added later belong in PAGES too.)

// A plain 390 px viewport: with mobile emulation, Chromium zooms a too-wide page out and widens
// innerWidth to match, which would hide exactly the overflow this test looks for.
test.use({ viewport: { width: 390, height: 844 } });

test("every dashboard page fits a 390 px screen; the menu, the palette and the theme are reachable", async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  const organization = await ownerSession(page, testInfo);
  const o = organization.organizationId;
  const api = apiClient(request, organization.token);
  await addPerson(request, organization, "developer", "Maximiliana Longname-Householder");
  await mustSucceed(api.post(`/${o}/teams`, { slug: "payments-platform-team", name: "Payments platform team" }), "team");
  await mustSucceed(api.post(`/${o}/members`, { email: `an.invited.person.with.a.long.address.${Date.now()}@example.test`, role: "member" }), "invitation");
  const key = (await mustSucceed(api.post(`/${o}/tokens`, {
    name: "CI pull for my-app backend production", permissions: [{ permission: "secret:read", scope: { project: "my-app", target: "backend", environment: "production" } }], expires: "30d",
  }), "key")).body.data.id as string;

  const PAGES = [
    "/dashboard",
    "/dashboard/projects/new",
    "/dashboard/projects/my-app",
    "/dashboard/projects/my-app/compare",
    "/dashboard/projects/my-app/secrets",
    "/dashboard/projects/my-app/secrets/backend",
    "/dashboard/projects/my-app/secrets/backend/production",
    "/dashboard/projects/my-app/effective/backend/production",
    "/dashboard/projects/my-app/history/backend/production",
    "/dashboard/projects/my-app/keys",
    "/dashboard/organizations/members",
    "/dashboard/organizations/teams",
    "/dashboard/organizations/teams/payments-platform-team",
    "/dashboard/organizations/roles",
    "/dashboard/organizations/audit",
    "/dashboard/organizations/settings",
    "/dashboard/organizations/api-keys",
    "/dashboard/organizations/api-keys/create",
    `/dashboard/organizations/api-keys/${key}`,
    `/dashboard/organizations/api-keys/${key}/edit`,
    `/dashboard/organizations/api-keys/${key}/explore`,
    "/dashboard/organizations/new",
    "/dashboard/outbox",
    "/dashboard/account",
  ];
  const overflowing: string[] = [];
  for (const url of PAGES) {
    await page.goto(url);
    await expect(page.locator("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    if (scrollWidth > innerWidth) {
      overflowing.push(`${url}: ${scrollWidth} > ${innerWidth}`);
      await page.screenshot({ path: artifactPath(`mobile-overflow-${url.replace(/\//g, "-")}`), fullPage: true });
    }
  }
  expect(overflowing).toEqual([]);

  // Email addresses wrap at most into a few lines, never one letter per line.
  await page.goto("/dashboard/organizations/members");
  const emails = page.locator("main").getByText(/^[^\s]+@example\.test$/);
  await expect(emails.first()).toBeVisible();
  for (const email of await emails.all()) {
    // The lines the text itself occupies (its element may be a taller table cell).
    const lines = await email.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
    });
    expect(lines, (await email.textContent()) ?? "").toBeLessThanOrEqual(3);
  }
  await page.screenshot({ path: artifactPath("mobile-members"), fullPage: true });

  // The navigation folds behind Menu; it opens, navigates, and closes.
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(nav).toBeVisible();
  await page.screenshot({ path: artifactPath("mobile-menu"), fullPage: false });
  await nav.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/dashboard\/organizations\/api-keys$/);
  await expect(nav).toBeHidden();

  // The theme, from the menu.
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "Light" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);

  // The palette, from its header button.
  await page.getByRole("button", { name: "Open the command palette" }).click();
  await page.getByRole("combobox", { name: "Search projects, environments and commands" }).fill("my-app production");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/projects\/my-app\/secrets\/backend\/production$/);
});
