import { expect, test, type Page } from "@playwright/test";
import { deriveProjectKey } from "../lib/crypto";
import { addPerson, createOrganization, ownerSession, signInQuickly } from "./support/dashboard";
import { artifactPath } from "./support";

// Projects → targets → environments in a real browser against the production build: the Owner
// builds and dismantles a hierarchy through the UI, sees the API's refusals inline, creates a
// zero-knowledge project whose passphrase never leaves the page, and a Member sees no controls
// to change any of it (and the API refuses the same calls from that member's session).

const dialog = (page: Page) => page.getByRole("dialog");

test("the owner creates, renames and deletes a project, its targets and environments", async ({ page }, testInfo) => {
  test.setTimeout(120_000); // a long journey of page loads on a shared machine
  await ownerSession(page, testInfo);
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "My App", exact: true })).toHaveAttribute("href", "/dashboard/projects/my-app");
  await expect(page.getByRole("link", { name: "backend / production secrets" })).toHaveAttribute("href", "/dashboard/projects/my-app/secrets/backend/production");
  await page.screenshot({ path: artifactPath("dashboard-projects"), fullPage: true });

  await page.getByRole("link", { name: "New project" }).click();
  await expect(page).toHaveURL(/\/dashboard\/projects\/new$/);
  await page.getByLabel("Project name").fill("Billing API");
  await expect(page.getByLabel("Slug")).toHaveValue("billing-api");
  await page.screenshot({ path: artifactPath("dashboard-new-project"), fullPage: true });

  // A reserved slug is refused by the shared schema, a taken one by the API: both beside the field.
  await page.getByLabel("Slug").fill("secrets");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("This name is reserved.")).toBeVisible();
  await page.getByLabel("Slug").fill("my-app");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("A project with that slug already exists. Choose another slug.")).toBeVisible();
  await expect(page.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/dashboard\/projects\/new$/);

  await page.getByLabel("Slug").fill("billing-api");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/dashboard\/projects\/billing-api$/);
  await expect(page.getByRole("heading", { name: "Billing API", level: 1 })).toBeVisible();
  await expect(page.getByTestId("custody-badge")).toHaveText("Server-managed");
  await expect(page.getByRole("heading", { name: "No targets yet" })).toBeVisible();

  // Target, then environments (typed and one-click).
  await page.getByLabel("New target slug").fill("backend");
  await page.getByRole("button", { name: "Add target", exact: true }).click();
  await expect(page.getByRole("heading", { name: "backend", level: 3 })).toBeVisible();
  await page.getByLabel("New environment slug").fill("staging");
  await page.getByRole("button", { name: "Add environment", exact: true }).click();
  await expect(page.getByRole("link", { name: "Secrets of backend / staging" })).toHaveAttribute("href", "/dashboard/projects/billing-api/secrets/backend/staging");
  await page.getByRole("button", { name: "Add environment to backend" }).click();
  await page.getByRole("button", { name: "Add environment production" }).click();
  await expect(page.getByRole("link", { name: "Secrets of backend / production" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Inheritance of backend / production" })).toHaveAttribute("href", "/dashboard/projects/billing-api/effective/backend/production");
  await expect(page.getByRole("link", { name: "History of backend / production" })).toHaveAttribute("href", "/dashboard/projects/billing-api/history/backend/production");
  await expect(page.getByRole("link", { name: "Secrets of target backend" })).toHaveAttribute("href", "/dashboard/projects/billing-api/secrets/backend");
  await expect(page.getByRole("link", { name: "Project-wide secrets" })).toHaveAttribute("href", "/dashboard/projects/billing-api/secrets");

  // A duplicate target slug comes back from the API and lands on the field.
  await page.getByLabel("New target slug").fill("backend");
  await page.getByRole("button", { name: "Add target", exact: true }).click();
  await expect(page.getByText("A target with that slug in this project already exists. Choose another slug.")).toBeVisible();

  // Renames: an environment's slug and name, a target's display name.
  await page.getByRole("button", { name: "Rename environment staging of backend" }).click();
  await dialog(page).getByLabel("Display name").fill("Stage");
  await dialog(page).getByLabel("Slug").fill("stage");
  await expect(dialog(page).getByText("Changing the slug changes URLs")).toBeVisible();
  await dialog(page).getByRole("button", { name: "Save" }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByRole("link", { name: "Secrets of backend / stage" })).toHaveAttribute("href", "/dashboard/projects/billing-api/secrets/backend/stage");
  await expect(page.getByRole("link", { name: "Secrets of backend / staging" })).toHaveCount(0);

  await page.getByRole("button", { name: "Rename target backend" }).click();
  await dialog(page).getByLabel("Display name").fill("Backend API");
  await dialog(page).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Backend API", level: 3 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Secrets of target backend" })).toBeVisible();
  await page.screenshot({ path: artifactPath("dashboard-project-overview"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Backend API", level: 3 })).toBeVisible();
  await page.screenshot({ path: artifactPath("dashboard-project-overview-dark"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // Deleting needs the slug typed; until then the button stays disabled.
  await page.getByRole("button", { name: "Delete environment stage of backend" }).click();
  await expect(dialog(page).getByText("the secrets of backend / stage, with their history")).toBeVisible();
  const confirmDelete = dialog(page).getByRole("button", { name: "Delete environment" });
  await expect(confirmDelete).toBeDisabled();
  await dialog(page).getByLabel("Type stage to confirm").fill("stag");
  await expect(confirmDelete).toBeDisabled();
  await dialog(page).getByLabel("Type stage to confirm").fill("stage");
  await confirmDelete.click();
  await expect(page.getByRole("link", { name: "Secrets of backend / stage" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Secrets of backend / production" })).toBeVisible();

  // Renaming the project's slug moves the page to the new URL.
  await page.getByRole("button", { name: "Rename project billing-api" }).click();
  await dialog(page).getByLabel("Slug").fill("billing");
  await dialog(page).getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/dashboard\/projects\/billing$/);
  await expect(page.getByTestId("project-slug")).toHaveText("billing");

  await page.getByRole("button", { name: "Delete project" }).click();
  await expect(dialog(page).getByText("1 target and 1 environment")).toBeVisible();
  await dialog(page).getByLabel("Type billing to confirm").fill("billing");
  await dialog(page).getByRole("button", { name: "Delete project" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("link", { name: "Billing API" })).toHaveCount(0);
  await page.goto("/dashboard/projects/billing");
  await expect(page.getByRole("heading", { name: "Project not found" })).toBeVisible();
});

test("a client-managed project's passphrase is derived in the browser and never leaves the page", async ({ page }, testInfo) => {
  test.setTimeout(180_000); // three PBKDF2 derivations of 600,000 rounds on a shared machine
  await ownerSession(page, testInfo);
  const sent: { method: string; url: string; body: string }[] = [];
  page.on("request", (request) => sent.push({ method: request.method(), url: request.url(), body: request.postData() ?? "" }));

  await page.goto("/dashboard/projects/new");
  await page.getByLabel("Project name").fill("Vault");
  await page.getByRole("radio", { name: /Client-managed/ }).check();
  const generated = page.getByTestId("generated-passphrase");
  await expect(generated).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  const passphrase = (await generated.textContent())!;
  await expect(page.getByText("We cannot recover it.")).toBeVisible();
  await page.screenshot({ path: artifactPath("dashboard-new-project-client"), fullPage: true });

  // Nothing can be created before the person confirms they saved the passphrase.
  const create = page.getByRole("button", { name: "Create project" });
  await expect(create).toBeDisabled();
  await page.getByLabel("I have saved the passphrase").check();
  await create.click();
  // PBKDF2 with 600,000 rounds runs in the page first (on a busy CI machine it can take a while).
  await expect(page.getByRole("button", { name: "Deriving key…" }).or(page.getByRole("heading", { name: "Vault", level: 1 }))).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard\/projects\/vault$/, { timeout: 60_000 });
  await expect(page.getByTestId("custody-badge")).toHaveText("Client-managed");

  const creation = sent.find((request) => request.method === "POST" && request.url.endsWith("/projects"));
  expect(creation, "the project was created through the REST API").toBeTruthy();
  const body = JSON.parse(creation!.body);
  expect(Object.keys(body).sort()).toEqual(["custody", "key", "name", "slug"]);
  expect(body.custody).toBe("client");
  expect(Object.keys(body.key).sort()).toEqual(["iterations", "key_proof", "salt"]);
  expect(body.key.iterations).toBe(600_000);
  // The proof the browser sent belongs to the passphrase it showed (checked with the same crypto core).
  expect((await deriveProjectKey(passphrase, body.key.salt, body.key.iterations)).keyProof).toBe(body.key.key_proof);
  await assertNeverSent(page, sent, passphrase);

  // The key derived for the new project stays in this tab's memory: its editor opens unlocked.
  await page.getByRole("link", { name: "Project-wide secrets" }).click();
  await expect(page.getByTestId("project-key-status")).toContainText("Unlocked in this tab");
  await expect(page.getByRole("button", { name: /^(Add secret|Add a secret)$/ }).first()).toBeVisible();

  // A typed passphrase: too short, then mismatched, then accepted; it never leaves the page either.
  await page.goto("/dashboard/projects/new");
  await page.getByLabel("Project name").fill("Vault Two");
  await page.getByRole("radio", { name: /Client-managed/ }).check();
  await page.getByRole("radio", { name: "Use my own passphrase" }).check();
  const typed = "correct horse battery staple";
  await page.getByLabel("Passphrase", { exact: true }).fill("too short");
  await page.getByLabel("Confirm passphrase").fill("too short");
  await page.getByLabel("I have saved the passphrase").check();
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Use at least 16 characters, or let the browser generate one.")).toBeVisible();
  await page.getByLabel("Passphrase", { exact: true }).fill(typed);
  await page.getByLabel("Confirm passphrase").fill(`${typed}!`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("The two passphrases do not match.")).toBeVisible();
  await page.getByLabel("Confirm passphrase").fill(typed);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/dashboard\/projects\/vault-two$/, { timeout: 60_000 });
  await assertNeverSent(page, sent, typed);
});

test("a member sees no controls to change the hierarchy, and the API refuses them too", async ({ page, request }, testInfo) => {
  const organization = createOrganization(testInfo);
  const member = await addPerson(request, organization, "member");
  await signInQuickly(page, member.email, member.password);
  await page.goto("/dashboard");

  await expect(page.getByText("Your role:")).toContainText("Member");
  await expect(page.getByRole("link", { name: "backend / production secrets" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New project" })).toHaveCount(0);

  await page.goto("/dashboard/projects/new");
  await expect(page.getByText("Your role does not allow creating projects.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create project" })).toHaveCount(0);

  await page.goto("/dashboard/projects/my-app");
  await expect(page.getByRole("link", { name: "Secrets of backend / production" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Rename|Delete)/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Add / })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Danger zone" })).toHaveCount(0);

  // The same calls straight from the member's session (same origin, session cookie): 403.
  const origin = new URL(page.url()).origin;
  const api = `/api/v1/${organization.organizationId}/projects`;
  const headers = { origin };
  expect((await page.request.get(`${api}/my-app`)).status()).toBe(200);
  const refused = [
    await page.request.post(api, { headers, data: { slug: "sneaky", custody: "server" } }),
    await page.request.patch(`${api}/my-app`, { headers, data: { name: "Renamed" } }),
    await page.request.post(`${api}/my-app/targets`, { headers, data: { slug: "web" } }),
    await page.request.delete(`${api}/my-app/targets/backend/environments/production`, { headers }),
    await page.request.delete(`${api}/my-app`, { headers }),
  ];
  for (const response of refused) {
    expect(response.status(), response.url()).toBe(403);
    expect((await response.json()).error).toBe("insufficient_permissions");
  }
  await page.reload();
  await expect(page.getByRole("link", { name: "Secrets of backend / production" })).toBeVisible();
});

/** The passphrase appears in no request URL or body, and nowhere in the page's storage. */
async function assertNeverSent(page: Page, sent: { url: string; body: string }[], passphrase: string) {
  const forms = [passphrase, encodeURIComponent(passphrase), JSON.stringify(passphrase).slice(1, -1)];
  for (const request of sent) {
    for (const form of forms) {
      expect(request.url.includes(form), `passphrase in ${request.url}`).toBe(false);
      expect(request.body.includes(form), `passphrase in the body of ${request.url}`).toBe(false);
    }
  }
  const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, url: location.href }));
  expect(stored.includes(passphrase)).toBe(false);
}
