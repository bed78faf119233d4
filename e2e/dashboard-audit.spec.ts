import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { apiClient } from "./api/support";
import { addPerson, ownerSession, signInQuickly } from "./support/dashboard";
import { artifactPath } from "./support";

// The audit log viewer as people use it (docs/dashboard.md#pages): filter by action and actor and
// see exactly the matching rows, clear one filter and keep the other, open an event's details,
// export the view as CSV and JSON Lines, verify the chain. And the Auditor: the log in the
// navigation, and the history of a level as names and who/when, without values.

interface EventView {
  id: string;
  action: string;
  sequence: number;
  outcome: string;
}

async function rowSequences(page: Page): Promise<number[]> {
  return (await page.getByTestId("audit-row").evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-sequence")))));
}

test("filter by action and actor, clear one, open an event, export it, verify the chain", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const org = await ownerSession(page, testInfo, `Audit Journey ${Date.now()}`);
  const api = apiClient(request, org.token);
  const id = org.organizationId;
  // A key that reads the organization once and is refused the members list once.
  const key = await api.post(`/${id}/tokens`, { name: "audit journey key", expires: "30d", permissions: [{ permission: "organization:read" }] });
  const asKey = apiClient(request, key.body.data.token);
  expect((await asKey.get(`/${id}`)).status).toBe(200);
  expect((await asKey.get(`/${id}/members`)).status).toBe(403);
  const keyActorId: string = (await api.get(`/${id}/audit?action=member.list&outcome=denied&limit=1`)).body.data[0].actor.id;

  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  // Action: a family, typed.
  await page.getByLabel("Action", { exact: true }).fill("member.*");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]action=member\.\*/);
  // Actor: picked from the list of everyone in the log.
  await page.getByLabel("Actor", { exact: true }).selectOption({ label: `API key audit journey key (${key.body.data.id})` });
  await expect(page).toHaveURL(new RegExp(`[?&]actor=${keyActorId}`));
  const expected: EventView[] = (await api.get(`/${id}/audit?action=member.*&actor=${keyActorId}`)).body.data;
  expect(expected.map((event) => event.action)).toEqual(["member.list"]);
  await expect.poll(() => rowSequences(page)).toEqual(expected.map((event) => event.sequence));
  await expect(page.getByTestId("active-filters")).toContainText("2 filters");
  await page.screenshot({ path: artifactPath("dashboard-audit"), fullPage: true });

  // Clearing the action keeps the actor: both of the key's calls.
  await page.getByRole("button", { name: "Clear the action filter" }).click();
  await expect(page).not.toHaveURL(/action=/);
  await expect(page).toHaveURL(new RegExp(`actor=${keyActorId}`));
  const byKey: EventView[] = (await api.get(`/${id}/audit?actor=${keyActorId}`)).body.data;
  expect(byKey.map((event) => event.action)).toEqual(["member.list", "organization.read"]);
  await expect.poll(() => rowSequences(page)).toEqual(byKey.map((event) => event.sequence));

  // The details of the refusal: every field, metadata, the chain, a link to the key.
  await page.getByRole("button", { name: `Details of event ${byKey[0]!.sequence} (member.list)` }).click();
  const details = page.getByTestId("audit-event-details");
  await expect(details).toContainText("denied · 403");
  await expect(page.getByTestId("audit-metadata")).toContainText('"permission": "member:read"');
  await expect(details.getByRole("link", { name: "Open the API key" })).toHaveAttribute("href", `/dashboard/organizations/api-keys/${key.body.data.id}`);
  await expect(details).toContainText(/Previous hash — event \d+ has it/);
  await page.screenshot({ path: artifactPath("dashboard-audit-details") });
  await details.getByRole("button", { name: "Close" }).click();

  // Export exactly this view.
  for (const [label, format] of [["CSV", "csv"], ["JSON Lines", "jsonl"]] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: label, exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-${id}-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
    const text = fs.readFileSync((await download.path())!, "utf8");
    if (format === "jsonl") {
      expect(text.trimEnd().split("\n").map((line) => (JSON.parse(line) as EventView).id)).toEqual(byKey.map((event) => event.id));
    } else {
      const lines = text.trimEnd().split("\r\n");
      expect(lines[0]).toMatch(/^id,time,sequence,actor_type,/);
      expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(byKey.map((event) => event.id));
    }
  }

  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("Intact");
});

test("an Auditor reads the log and a level's history as names and who/when, without values", async ({ page, browser, request, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const org = await ownerSession(page, testInfo, `Auditor Org ${Date.now()}`);
  const auditor = await addPerson(request, org, "auditor", "Ida Auditor");
  const context = await browser.newContext({ baseURL });
  const auditorPage = await context.newPage();
  await signInQuickly(auditorPage, auditor.email, auditor.password);
  await auditorPage.goto("/dashboard");
  const nav = auditorPage.getByRole("navigation", { name: "Dashboard" });
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();

  await auditorPage.goto("/dashboard/projects/my-app/history/backend/production");
  const version = auditorPage.getByTestId("version").first();
  await expect(version).toBeVisible();
  await expect(version.getByTestId("version-names")).toContainText(/[A-Z_]+/);
  await expect(auditorPage.getByText(/Values and the content of versions need the secret:history permission/)).toBeVisible();
  await expect(auditorPage.getByRole("button", { name: /^View version/ })).toHaveCount(0);
  await expect(auditorPage.getByRole("button", { name: /^Restore version/ })).toHaveCount(0);
  await auditorPage.screenshot({ path: artifactPath("dashboard-history-auditor"), fullPage: true });

  // A Member holds no audit:read: no entry, and the page says why.
  const member = await addPerson(request, org, "member", "Max Member");
  const memberPage = await (await browser.newContext({ baseURL })).newPage();
  await signInQuickly(memberPage, member.email, member.password);
  await memberPage.goto("/dashboard");
  await expect(memberPage.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await memberPage.goto("/dashboard/organizations/audit");
  await expect(memberPage.getByRole("heading", { name: "Access restricted" })).toBeVisible();
  await context.close();
});
