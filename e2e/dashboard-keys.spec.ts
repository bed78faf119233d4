import { expect, test, type Page, type Request } from "@playwright/test";
import { deriveProjectKey, openValue } from "../lib/crypto";
import { apiClient } from "./api/support";
import { clientKey, mustSucceed, uniqueSlug } from "./api/secrets-support";
import { ownerSession } from "./support/dashboard";
import { artifactPath } from "./support/index";

// The keys page (docs/dashboard.md#keys). Client-managed: rotation and re-encrypting history in
// the browser, with every request of the journey recorded and searched for either passphrase.
// Server-managed: cadence, rotation with a confirmation, custody to the clients (the passphrase
// shown once) and back.

const OLD = `old meadow lantern ${Math.random().toString(36).slice(2)} anchor`;
const NEW = `new violet harbour ${Math.random().toString(36).slice(2)} compass`;

const toast = (page: Page, text: RegExp | string) => page.getByTestId("toast").filter({ hasText: text });

test("client-managed: rotate and re-encrypt history in the browser; neither passphrase leaves the page", async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const organization = await ownerSession(page, testInfo);
  const api = apiClient(request, organization.token);
  const org = organization.organizationId;
  const key = await clientKey(OLD);
  const project = uniqueSlug("zk-keys");
  await mustSucceed(api.post(`/${org}/projects`, { slug: project, name: "Vault", custody: "client", key: key.setup }), "project");
  await mustSucceed(api.post(`/${org}/projects/${project}/targets`, { slug: "web" }), "target");
  await mustSucceed(api.post(`/${org}/projects/${project}/targets/web/environments`, { slug: "prod" }), "environment");
  for (const [level, values] of [[{}, { SHARED: "one" }], [{ target: "web" }, { WEB: "two" }], [{ target: "web", environment: "prod" }, { PROD: "three" }], [{ target: "web", environment: "prod" }, { PROD: "four" }]] as const) {
    await mustSucceed(api.post(`/${org}/secrets/store`, { project, ...level, content: await key.seal(values), key_proof: key.keyProof }), "store");
  }

  const requests: Request[] = [];
  page.on("request", (recorded) => requests.push(recorded));
  await page.goto(`/dashboard/projects/${project}`);
  await page.getByRole("link", { name: "Keys", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/projects/${project}/keys$`));
  await expect(page.getByRole("heading", { name: "Encryption keys" })).toBeVisible();
  await expect(page.getByTestId("active-key-version")).toHaveText("Version 1");

  // Rotate: the current passphrase, a new one typed (≥ 16) and confirmed as saved, one request.
  await page.getByRole("button", { name: "Rotate key…" }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate the key of ${project}` });
  await dialog.getByLabel("Current passphrase").fill(OLD);
  await dialog.getByText("Use my own passphrase").click();
  await dialog.getByLabel("Passphrase", { exact: true }).fill(NEW);
  await dialog.getByLabel("Confirm passphrase").fill(NEW);
  await expect(dialog.getByRole("button", { name: "Rotate key" })).toBeDisabled();
  await dialog.getByText("I have saved the passphrase somewhere safe").click();
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  await expect(toast(page, "Key rotated: version 2 is active (3 level(s) re-encrypted).")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("active-key-version")).toHaveText("Version 2");
  await expect(page.locator('[data-testid="key-version-row"][data-version="1"]')).toHaveAttribute("data-state", "rotated");
  await expect(page.getByTestId("reencrypt-count")).toHaveText("3 / 7 versions");

  // Re-encrypt history: the tab keeps the new key; the old passphrase opens the old versions here.
  await expect(page.getByText("Using the key unlocked in this tab (version 2).")).toBeVisible();
  await page.getByLabel(/Passphrase of the older key/).fill(OLD);
  await page.getByRole("button", { name: "Re-encrypt history" }).click();
  await expect(toast(page, `Every version of ${project} is now under key version 2.`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("reencrypt-count")).toHaveText("7 / 7 versions");
  await page.screenshot({ path: artifactPath("keys-client-managed"), fullPage: true });

  // Everything stored opens with the new passphrase and records key version 2.
  const keys = (await api.get(`/${org}/${project}/keys`)).body;
  const active = keys.data.find((version: { state: string }) => version.state === "active");
  const { dataKey } = await deriveProjectKey(NEW, active.salt, active.iterations);
  const versions = (await api.get(`/${org}/${project}/web/prod/secrets/versions`)).body.data as { version: number; key_version: number }[];
  expect(versions.map((version) => version.key_version)).toEqual([2, 2, 2]);
  const first = (await api.get(`/${org}/${project}/web/prod/secrets/versions/1`)).body.data;
  expect(await openValue(dataKey, "PROD", first.secrets.PROD)).toBe("three");

  // Neither passphrase ever left the page: not in a URL, a header or a body.
  expect(requests.length).toBeGreaterThan(10);
  for (const recorded of requests) {
    const sent = [recorded.url(), recorded.postData() ?? "", JSON.stringify(await recorded.allHeaders())].join("\n");
    for (const secret of [OLD, NEW]) expect(sent, `${recorded.method()} ${recorded.url()}`).not.toContain(secret);
  }
  const rotation = requests.find((recorded) => recorded.url().endsWith("/keys/rotate"))!;
  expect(Object.keys(JSON.parse(rotation.postData()!)).sort()).toEqual(["expected_version", "key_proof", "levels", "new"]);
});

test("server-managed: cadence, rotate with a confirmation, custody to the clients (shown once) and back", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await ownerSession(page, testInfo);
  await page.goto("/dashboard/projects/my-app/keys");
  await expect(page.getByTestId("custody-badge")).toHaveText("Server-managed");

  await page.getByLabel("Rotation cadence").selectOption("90");
  await expect(toast(page, "Rotation cadence set to every 90 days.")).toBeVisible();
  await expect(page.getByText(/Next rotation due/)).toBeVisible();

  await page.getByRole("button", { name: "Rotate key…" }).click();
  await page.getByRole("dialog", { name: "Rotate the key of my-app" }).getByRole("button", { name: "Rotate key" }).click();
  await expect(toast(page, "Key rotated: version 2 is active (3 level(s) re-encrypted).")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Re-encrypt history" }).click();
  await expect(page.getByTestId("reencrypt-count")).toHaveText("6 / 6 versions");

  await page.getByRole("button", { name: "Switch to client-managed…" }).click();
  const toClient = page.getByRole("dialog", { name: "Switch to client-managed (zero-knowledge)" });
  await expect(toClient.getByText("If the passphrase is lost, the secrets are unrecoverable.")).toBeVisible();
  await toClient.getByRole("button", { name: "Show the passphrase" }).click();
  const passphrase = (await toClient.getByTestId("custody-passphrase").textContent())!.trim();
  expect(passphrase).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expect(toClient.getByRole("button", { name: "Switch to client-managed" })).toBeDisabled();
  await toClient.getByText("I have saved the passphrase somewhere safe").click();
  await toClient.getByRole("button", { name: "Switch to client-managed" }).click();
  await expect(toast(page, "The project is now client-managed.")).toBeVisible();
  await expect(page.getByTestId("custody-badge")).toHaveText("Client-managed");
  await page.screenshot({ path: artifactPath("keys-custody-client"), fullPage: true });

  await page.getByRole("button", { name: "Switch to server-managed…" }).click();
  const toServer = page.getByRole("dialog", { name: "Switch to server-managed" });
  await toServer.getByLabel("Project passphrase").fill(passphrase);
  await toServer.getByRole("button", { name: "Switch to server-managed" }).click();
  await expect(toast(page, "The project is now server-managed.")).toBeVisible();
  await expect(page.getByTestId("custody-badge")).toHaveText("Server-managed");
});
