import { expect, test } from "@playwright/test";
import { apiClient } from "./api/support";
import { ownerSession } from "./support/dashboard";
import { artifactPath } from "./support";

// Organization settings as an Owner uses them (docs/dashboard.md#pages): rename (the switcher
// follows), history retention, and deleting an organization — what will be lost is listed, the
// name must be typed, and the deletion is recorded in the Owner's remaining organization.

test("rename, set the history retention, delete an organization by typing its name", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const org = await ownerSession(page, testInfo, `Settings Org ${stamp}`);
  const api = apiClient(request, org.token);

  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Organization settings" })).toBeVisible();

  // Rename: the organization switcher shows the new name.
  const rename = page.getByRole("form", { name: "Rename the organization" });
  await rename.getByLabel("Organization name").fill(`Renamed Org ${stamp}`);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Renamed the organization to Renamed Org ${stamp}.` })).toBeVisible();
  await expect(page.getByLabel("Organization", { exact: true })).toContainText(`Renamed Org ${stamp}`);

  // Retention: the newest 20 versions per level, and nothing older than 90 days.
  const retention = page.getByRole("form", { name: "History retention" });
  await retention.getByRole("checkbox", { name: "Keep at most" }).check();
  await retention.getByRole("spinbutton", { name: /Keep at most/ }).fill("20");
  await retention.getByRole("checkbox", { name: "Remove versions older than" }).check();
  await retention.getByRole("spinbutton", { name: /Remove versions older than/ }).fill("90");
  await expect(retention).toContainText("A version goes once it is beyond the newest 20 or older than 90 days.");
  await retention.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved the history retention" })).toBeVisible();
  expect((await api.get(`/${org.organizationId}`)).body.data).toMatchObject({ name: `Renamed Org ${stamp}`, history_retention: { versions: 20, days: 90 } });
  await page.screenshot({ path: artifactPath("dashboard-settings"), fullPage: true });

  // A second organization, made in the dashboard (it becomes the current one), then deleted.
  const doomed = `Doomed Org ${stamp}`;
  await page.goto("/dashboard/organizations/new");
  await page.getByLabel("Organization name").fill(doomed);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByLabel("Organization", { exact: true })).toContainText(doomed);
  await page.goto("/dashboard/organizations/settings");
  await page.getByRole("button", { name: "Delete organization…" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${doomed}?` });
  await expect(dialog.getByTestId("deletion-impact")).toContainText("1 member");
  await expect(dialog.getByTestId("deletion-impact")).toContainText(/audit events?/);
  const confirm = dialog.getByRole("button", { name: "Delete this organization" });
  await dialog.getByLabel(`Type ${doomed} to confirm`).fill(doomed.toLowerCase());
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${doomed} to confirm`).fill(doomed);
  await page.screenshot({ path: artifactPath("dashboard-settings-delete") });
  await confirm.click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByLabel("Organization", { exact: true })).toContainText(`Renamed Org ${stamp}`);
  await expect(page.getByLabel("Organization", { exact: true }).locator("option", { hasText: doomed })).toHaveCount(0);
  // Recorded in the organization that remains.
  const [recorded] = (await api.get(`/${org.organizationId}/audit?action=organization.delete`)).body.data;
  expect(recorded).toMatchObject({ actor: { type: "user", label: org.owner.email }, outcome: "success", metadata: { name: doomed, members: 1 } });
});
