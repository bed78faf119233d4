import { expect, test } from "@playwright/test";
import { ownerSession } from "./support/dashboard";

// ⌘K / Ctrl+K: jump to any level the user can read, and switch the theme (kept across reloads).

test("the command palette jumps to an environment and switches the theme", async ({ page }, testInfo) => {
  await ownerSession(page, testInfo);
  await page.goto("/dashboard");

  await page.keyboard.press("Control+k");
  const search = page.getByRole("combobox", { name: "Search projects, environments and commands" });
  await expect(search).toBeFocused();
  await search.fill("backend production");
  const results = page.getByRole("listbox", { name: "Results" });
  await expect(results.getByRole("option")).toHaveCount(1);
  await expect(results.getByRole("option")).toContainText("my-app/backend/production");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/projects\/my-app\/secrets\/backend\/production$/);

  await page.goto("/dashboard/account");
  await page.getByRole("button", { name: "Open the command palette" }).click();
  await search.fill("nothing-is-called-this");
  await expect(results).toContainText("Nothing matches");
  await search.fill("dark theme");
  await search.press("Enter");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  await page.keyboard.press("Control+k");
  await search.fill("light theme");
  await search.press("Enter");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
});
