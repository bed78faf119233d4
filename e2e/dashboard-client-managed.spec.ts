import { expect, test, type Page, type Request } from "@playwright/test";
import { apiClient } from "./api/support";
import { clientKey, mustSucceed, uniqueSlug } from "./api/secrets-support";
import { ownerSession } from "./support/dashboard";
import { artifactPath } from "./support/index";

// A client-managed (zero-knowledge) project in the editor: the passphrase is used by the page's
// WebCrypto only; values are decrypted and encrypted in the browser; the server receives
// ciphertext and a key proof. Every request of the journey is recorded and searched for the
// passphrase and the plaintexts.

const PASSPHRASE = `violet anchor meadow ${Math.random().toString(36).slice(2)} lantern`;
const VALUES = { PROJECT_SECRET: "proj-plain-7f3a91", TARGET_SECRET: "target-plain-2c8e44", ENV_SECRET: "env-plain-9d1b05" };

const row = (page: Page, name: string) => page.locator(`[data-testid="secret-row"][data-name="${name}"]`);

async function unlock(page: Page, passphrase: string) {
  await page.getByTestId("project-key-status").getByRole("button", { name: "Unlock" }).click();
  const dialog = page.getByRole("dialog", { name: /^Unlock / });
  await dialog.getByLabel("Passphrase").fill(passphrase);
  await dialog.getByRole("button", { name: "Unlock" }).click();
  return dialog;
}

async function addAndSave(page: Page, name: string, value: string) {
  await page.getByRole("button", { name: /^(Add secret|Add a secret)$/ }).first().click();
  await page.getByLabel("Name of new secret", { exact: true }).fill(name);
  await page.getByLabel(`Value of ${name}`, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Review and save" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /Saved version 1/ })).toBeVisible();
}

test("client-managed: unlock, edit three levels, wrong passphrase, lock — nothing plaintext leaves the page", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const organization = await ownerSession(page, testInfo);
  const api = apiClient(request, organization.token);
  const org = organization.organizationId;
  const key = await clientKey(PASSPHRASE);
  const project = uniqueSlug("zk");
  await mustSucceed(api.post(`/${org}/projects`, { slug: project, name: "Zero Knowledge", custody: "client", key: key.setup }), "project");
  await mustSucceed(api.post(`/${org}/projects/${project}/targets`, { slug: "web" }), "target");
  await mustSucceed(api.post(`/${org}/projects/${project}/targets/web/environments`, { slug: "prod" }), "environment");

  const requests: Request[] = [];
  page.on("request", (recorded) => requests.push(recorded));

  const levels = [
    { url: `/dashboard/projects/${project}/secrets`, name: "PROJECT_SECRET" as const },
    { url: `/dashboard/projects/${project}/secrets/web`, name: "TARGET_SECRET" as const },
    { url: `/dashboard/projects/${project}/secrets/web/prod`, name: "ENV_SECRET" as const },
  ];
  for (const level of levels) {
    await page.goto(level.url);
    if (level.name !== "ENV_SECRET") await expect(page.getByTestId("inherited-by")).toContainText("web/prod");
    await expect(page.getByTestId("custody-badge")).toHaveText("Client-managed");
    await expect(page.getByRole("button", { name: "Unlock to view and edit values" })).toBeVisible();
    await unlock(page, PASSPHRASE);
    await expect(page.getByText("Unlocked in this tab")).toBeVisible();
    await addAndSave(page, level.name, VALUES[level.name]);
  }

  // Stored as ciphertext that only the passphrase opens.
  const stored = (await api.get(`/${org}/${project}/web/prod/secrets`)).body.data.attributes;
  expect(await key.open("PROJECT_SECRET", stored.levels.project.PROJECT_SECRET)).toBe(VALUES.PROJECT_SECRET);
  expect(await key.open("TARGET_SECRET", stored.levels.target.TARGET_SECRET)).toBe(VALUES.TARGET_SECRET);
  expect(await key.open("ENV_SECRET", stored.levels.environment.ENV_SECRET)).toBe(VALUES.ENV_SECRET);
  expect(stored.versions).toEqual({ project: 1, target: 1, environment: 1 });

  // A reload forgets the key: names visible, values masked and not in the page.
  await page.reload();
  await expect(row(page, "ENV_SECRET")).toBeVisible();
  await expect(page.getByText("Locked", { exact: true })).toBeVisible();
  await expect(page.getByText(VALUES.ENV_SECRET)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add secret" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reveal ENV_SECRET" })).toHaveCount(0);
  await page.screenshot({ path: artifactPath("editor-client-managed-locked"), fullPage: true });

  // A wrong passphrase is refused with a clear message, and nothing is written.
  const dialog = await unlock(page, `${PASSPHRASE} typo`);
  await expect(dialog.getByText("That passphrase does not unlock this project")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Locked", { exact: true })).toBeVisible();
  expect((await api.get(`/${org}/${project}/web/prod/secrets`)).body.data.attributes.versions).toEqual({ project: 1, target: 1, environment: 1 });

  await unlock(page, PASSPHRASE);
  await page.getByRole("button", { name: "Reveal ENV_SECRET" }).click();
  await expect(page.getByLabel("Value of ENV_SECRET", { exact: true })).toHaveValue(VALUES.ENV_SECRET);
  await page.getByTestId("project-key-status").getByRole("button", { name: "Lock" }).click();
  await expect(page.getByText("Locked", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Value of ENV_SECRET", { exact: true })).toHaveCount(0);
  await expect(page.getByText(VALUES.ENV_SECRET)).toHaveCount(0);

  // Nothing secret ever left the page: not in a URL, a header or a body.
  expect(requests.length).toBeGreaterThan(10);
  const secrets = [PASSPHRASE, ...Object.values(VALUES)];
  for (const recorded of requests) {
    const sent = [recorded.url(), recorded.postData() ?? "", JSON.stringify(await recorded.allHeaders())].join("\n");
    for (const secret of secrets) expect(sent, `${recorded.method()} ${recorded.url()}`).not.toContain(secret);
  }
  // The writes themselves were ciphertext with a key proof.
  const stores = requests.filter((recorded) => recorded.url().endsWith("/secrets/store"));
  expect(stores).toHaveLength(3);
  for (const store of stores) expect(JSON.parse(store.postData()!).key_proof).toBe(key.keyProof);
});
