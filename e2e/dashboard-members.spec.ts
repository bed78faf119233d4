import { expect, test, type Page } from "@playwright/test";
import { PERMISSIONS, ROLES, ROLE_LABELS, ROLE_MATRIX } from "../lib/authz";
import { addPerson, ownerSession } from "./support/dashboard";
import { artifactPath, strongPassword, uniqueEmail } from "./support";

// Members, invitations, teams and roles through the dashboard, as people use them: an Owner invites
// an unknown address, the message lands in the development outbox (no SMTP_URL in tests), the
// invitee signs up in their own browser and accepts, then the Owner manages roles and teams.

async function outboxLinkFor(page: Page, email: string): Promise<string> {
  await page.goto("/dashboard/outbox");
  await expect(page.getByRole("heading", { name: "Development outbox" })).toBeVisible();
  const message = page.getByTestId("outbox-message").filter({ hasText: email }).first();
  await expect(message).toBeVisible();
  const href = await message.getByRole("link").getAttribute("href");
  expect(href).toMatch(/\/invitations\/accept#[A-Za-z0-9_-]{43}$/);
  return href!;
}

test("invite by email, accept in another browser, change the role, remove someone; teams; the roles matrix", async ({ page, browser, request, baseURL }, testInfo) => {
  // One journey through four pages and two browsers: longer than the default 30 s on a busy machine.
  test.setTimeout(180_000);
  const orgName = `Members Org ${Date.now()}`;
  const organization = await ownerSession(page, testInfo, orgName);
  const invitee = { name: "Ada Invitee", email: uniqueEmail("invitee"), password: strongPassword() };

  // The Owner invites an unknown address as Developer.
  await page.goto("/dashboard/organizations/members");
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email address").fill(invitee.email);
  await invite.getByLabel("Role", { exact: true }).selectOption("developer");
  await expect(invite.getByText(/Reads, decrypts and writes secrets/)).toBeVisible();
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Invitation sent to ${invitee.email} as Developer` })).toBeVisible();
  const pending = page.getByTestId("invitation-row").filter({ hasText: invitee.email });
  await expect(pending).toContainText("Developer");
  // The last Owner is protected, and the page says why.
  await expect(page.getByTestId("member-row").filter({ hasText: organization.owner.email })).toContainText("The last Owner");
  await page.screenshot({ path: artifactPath("dashboard-members"), fullPage: true });

  // The development outbox holds the message with the link.
  const link = await outboxLinkFor(page, invitee.email);
  await page.screenshot({ path: artifactPath("dashboard-outbox"), fullPage: true });

  // The invitee, in a browser of their own, signs up with that address and opens the link.
  const inviteeContext = await browser.newContext({ baseURL });
  const inviteePage = await inviteeContext.newPage();
  await inviteePage.goto("/signup");
  await inviteePage.getByLabel("Name").fill(invitee.name);
  await inviteePage.getByLabel("Email").fill(invitee.email);
  await inviteePage.getByLabel("Password").fill(invitee.password);
  await inviteePage.getByRole("button", { name: "Create account" }).click();
  await expect(inviteePage).toHaveURL(/\/dashboard/);
  await inviteePage.goto(link);
  await expect(inviteePage.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await expect(inviteePage.getByText(invitee.email)).toBeVisible();
  // The secret is taken out of the address bar at once.
  expect(new URL(inviteePage.url()).hash).toBe("");
  await inviteePage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(inviteePage.getByText(`You joined ${orgName} as Developer.`)).toBeVisible();
  await inviteePage.getByRole("link", { name: "Go to the dashboard" }).click();
  await expect(inviteePage.getByRole("heading", { name: orgName, level: 1 })).toBeVisible();
  await expect(inviteePage.getByText("Your role: Developer")).toBeVisible();

  // The same link a second time is refused clearly.
  await inviteePage.goto(link);
  await inviteePage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(inviteePage.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();

  // The Owner sees the new member (no longer pending) and changes the role to Member.
  await page.goto("/dashboard/organizations/members");
  const row = page.getByTestId("member-row").filter({ hasText: invitee.email });
  const roleSelect = row.getByLabel(`Role of ${invitee.name}`);
  await expect(roleSelect).toHaveValue("developer");
  await expect(page.getByTestId("invitation-row").filter({ hasText: invitee.email })).toHaveCount(0);
  await roleSelect.selectOption("member");
  const confirm = page.getByRole("dialog", { name: "Change role?" });
  await expect(confirm).toContainText("from Developer to Member");
  await confirm.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${invitee.name} is now Member.` })).toBeVisible();
  await expect(roleSelect).toHaveValue("member");
  await inviteePage.goto("/dashboard");
  await expect(inviteePage.getByText("Your role: Member")).toBeVisible();

  // Removing someone asks first, then they are gone.
  const auditor = await addPerson(request, organization, "auditor", "Audrey Auditor");
  await page.reload();
  await page.getByRole("button", { name: `Remove ${auditor.name}` }).click();
  const removal = page.getByRole("dialog", { name: "Remove member?" });
  await expect(removal).toContainText(auditor.email);
  await removal.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${auditor.email} was removed` })).toBeVisible();
  await expect(page.getByTestId("member-row").filter({ hasText: auditor.email })).toHaveCount(0);

  // Teams: create one, add the new member, give it the seeded project my-app.
  await page.goto("/dashboard/organizations/teams");
  await expect(page.getByText("No teams yet")).toBeVisible();
  const create = page.getByRole("form", { name: "Create a team" });
  await create.getByLabel("Team name").fill("Platform Team");
  await expect(create.getByLabel("Slug")).toHaveValue("platform-team");
  await create.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(/\/dashboard\/organizations\/teams\/platform-team$/);
  await expect(page.getByRole("heading", { name: "Platform Team", level: 1 })).toBeVisible();
  await page.getByLabel("Add a member", { exact: true }).selectOption({ label: `${invitee.name} (${invitee.email})` });
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("team-member").filter({ hasText: invitee.email })).toBeVisible();
  await page.getByLabel("Grant access to a project", { exact: true }).selectOption("my-app");
  await page.getByRole("button", { name: "Grant access" }).click();
  await expect(page.getByTestId("team-project")).toHaveText(/my-app/);
  await page.screenshot({ path: artifactPath("dashboard-team"), fullPage: true });
  await page.goto("/dashboard/organizations/teams");
  await expect(page.getByRole("link", { name: /Platform Team/ })).toContainText("1 member · 1 project: my-app");
  await page.screenshot({ path: artifactPath("dashboard-teams"), fullPage: true });

  // The team is visible to its new member, with the project.
  await inviteePage.goto("/dashboard/organizations/teams");
  await expect(inviteePage.getByRole("link", { name: /Platform Team/ })).toContainText("my-app");
  await inviteeContext.close();

  // Roles: the matrix on the page is ROLE_MATRIX, cell by cell.
  await page.goto("/dashboard/organizations/roles");
  const matrix = page.getByTestId("role-matrix");
  await expect(matrix).toBeVisible();
  const headers = await matrix.locator("thead th").allInnerTexts();
  expect(headers.slice(1)).toEqual(ROLES.map((role) => ROLE_LABELS[role]));
  const cells = await matrix.locator("tbody tr[data-permission]").evaluateAll((rows) =>
    rows.map((row) => ({
      permission: row.getAttribute("data-permission"),
      cells: [...row.querySelectorAll("td")].map((cell) => ({ role: cell.getAttribute("data-role"), text: cell.textContent?.trim() ?? "" })),
    })),
  );
  expect(cells.map((row) => row.permission)).toEqual([...PERMISSIONS]);
  for (const row of cells) {
    expect(row.cells.map((cell) => cell.role)).toEqual([...ROLES]);
    for (const cell of row.cells) {
      const granted = ROLE_MATRIX[cell.role as (typeof ROLES)[number]][row.permission as (typeof PERMISSIONS)[number]];
      expect(cell.text, `${row.permission} × ${cell.role}`).toBe(granted ? "✓Granted" : "—Not granted");
    }
  }
  await expect(matrix.getByRole("rowheader", { name: /secret:decrypt/ })).toBeVisible();
  await page.screenshot({ path: artifactPath("dashboard-roles"), fullPage: true });
});

test("a person who is not signed in is told how to accept, and the link survives signing in in the same tab", async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  await ownerSession(page, testInfo);
  const person = { name: "Lin Later", email: uniqueEmail("later"), password: strongPassword() };
  await page.goto("/dashboard/organizations/members");
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email address").fill(person.email);
  await invite.getByLabel("Role", { exact: true }).selectOption("auditor");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: person.email })).toBeVisible();
  const link = await outboxLinkFor(page, person.email);

  // Signed up beforehand in another way, but not signed in in this browser.
  const context = await browser.newContext({ baseURL });
  const visitor = await context.newPage();
  const signup = await visitor.request.post("/api/auth/signup", { data: person });
  expect(signup.status()).toBe(201);
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "You've been invited to DotEnv" })).toBeVisible();
  await visitor.getByRole("link", { name: "Sign in" }).click();
  await visitor.getByLabel("Email").fill(person.email);
  await visitor.getByLabel("Password").fill(person.password);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/invitations\/accept$/);
  await visitor.getByRole("button", { name: "Accept invitation" }).click();
  await expect(visitor.getByText(/You joined .* as Auditor\./)).toBeVisible();
  await context.close();
});
