import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { apiClient, createOrganization, type OrganizationFixture } from "../support";
import { clientKey, createToken, mustSucceed, serverSealer, uniqueSlug } from "../secrets-support";
import { cliEnv, runCli, tempDir } from "./cli-support";

// `dotenv diff` (docs/cli.md#commands) as a subprocess: a CI gate that exits 1 when an environment
// lacks a name the others have, shows where values come from and whether they agree, and never
// prints a value — server-managed (compared on the server) and client-managed (compared locally).

let org: OrganizationFixture;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
});

test("a missing name fails the gate (exit 1); equal names pass (exit 0); values never printed", async ({ request }, testInfo) => {
  const o = org.organizationId;
  const api = apiClient(request, org.token);
  const project = uniqueSlug("diff");
  await mustSucceed(api.post(`/${o}/projects`, { slug: project, custody: "server" }), "project");
  await mustSucceed(api.post(`/${o}/projects/${project}/targets`, { slug: "backend" }), "target");
  for (const environment of ["staging", "production"]) await mustSucceed(api.post(`/${o}/projects/${project}/targets/backend/environments`, { slug: environment }), "environment");
  const { seal } = serverSealer(api, o, project);
  await mustSucceed(api.post(`/${o}/secrets/store`, { project, content: await seal({ SHARED: "shared-value-1" }) }), "store");
  await mustSucceed(api.post(`/${o}/secrets/store`, { project, target: "backend", environment: "staging", content: await seal({ API_KEY: "staging-key-22", NEW_FLAG: "flag-on-333" }) }), "store");
  await mustSucceed(api.post(`/${o}/secrets/store`, { project, target: "backend", environment: "production", content: await seal({ API_KEY: "production-key-4444" }) }), "store");
  // A CI key that may only read the two environments.
  const token = await createToken(api, o, ["staging", "production"].map((environment) => ({ permission: "secret:read", scope: { project, target: "backend", environment } })));
  const env = cliEnv(testInfo, token, o);
  const paths = [`${project}/backend/staging`, `${project}/backend/production`];

  const failed = await runCli(["diff", ...paths], env);
  expect(failed.code, failed.stderr).toBe(1);
  expect(failed.stdout).toMatch(/NEW_FLAG\s+set here \[1\]\s+MISSING\s+missing in backend\/production/);
  expect(failed.stdout).toMatch(/API_KEY\s+set here \[1\]\s+set here \[2\]\s+differs/);
  expect(failed.stdout).toMatch(/SHARED\s+from project \[1\]\s+from project \[1\]\s+same/);
  expect(failed.stderr).toBe("dotenv: 1 name is missing: NEW_FLAG (not in backend/production)\n");
  for (const value of ["shared-value-1", "staging-key-22", "flag-on-333", "production-key-4444"]) expect(failed.stdout + failed.stderr).not.toContain(value);

  const json = await runCli(["diff", ...paths, "--json"], env);
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout).names.find((row: { name: string }) => row.name === "NEW_FLAG").missing_in).toEqual(["backend/production"]);

  await mustSucceed(api.post(`/${o}/secrets/store`, { project, target: "backend", environment: "production", content: await seal({ API_KEY: "production-key-4444", NEW_FLAG: "flag-on-333" }) }), "store");
  const passed = await runCli(["diff", ...paths], env);
  expect(passed.code, passed.stderr).toBe(0);
  expect(passed.stderr).toBe("");
  expect(passed.stdout).toMatch(/NEW_FLAG\s+set here \[1\]\s+set here \[1\]\s+same/);

  // Usage: two environments of one project, each once.
  for (const args of [[paths[0]!], [paths[0]!, `${project}/backend`], [paths[0]!, `other-${project}/backend/production`], [paths[0]!, paths[0]!]]) {
    const usage = await runCli(["diff", ...args], env);
    expect(usage.code, usage.stderr).toBe(2);
    expect(usage.stderr).toMatch(/^dotenv: [^\n]+\n$/);
  }
  // An environment outside the key's scope does not exist for it, as for any read (404: exit 4), nothing printed.
  const outside = await runCli(["diff", paths[0]!, `${project}/backend/production`], cliEnv(testInfo, await createToken(api, o, [{ permission: "secret:read", scope: { project, target: "backend", environment: "staging" } }]), o));
  expect(outside.code).toBe(4);
  expect(outside.stdout).toBe("");
});

test("client-managed: without the key only presence is compared; with --client-key the values are compared here", async ({ request }, testInfo) => {
  const o = org.organizationId;
  const api = apiClient(request, org.token);
  const passphrase = `diff passphrase ${Date.now()} long enough`;
  const key = await clientKey(passphrase);
  const project = uniqueSlug("zkdiff");
  await mustSucceed(api.post(`/${o}/projects`, { slug: project, custody: "client", key: key.setup }), "project");
  await mustSucceed(api.post(`/${o}/projects/${project}/targets`, { slug: "app" }), "target");
  for (const environment of ["staging", "production"]) await mustSucceed(api.post(`/${o}/projects/${project}/targets/app/environments`, { slug: environment }), "environment");
  for (const [environment, values] of [["staging", { TOKEN: "same-token", URL: "https://staging" }], ["production", { TOKEN: "same-token", URL: "https://production" }]] as const) {
    await mustSucceed(api.post(`/${o}/secrets/store`, { project, target: "app", environment, content: await key.seal(values), key_proof: key.keyProof }), "store");
  }
  const env = cliEnv(testInfo, org.token, o);
  const paths = [`${project}/app/staging`, `${project}/app/production`];

  const presence = await runCli(["diff", ...paths], env);
  expect(presence.code, presence.stderr).toBe(0);
  expect(presence.stdout).toContain("Values not compared: the project is client-managed");

  const dir = tempDir();
  try {
    const keyFile = path.join(dir, "project.key");
    fs.writeFileSync(keyFile, `${passphrase}\n`, { mode: 0o600 });
    const compared = await runCli(["diff", ...paths, `--client-key=${keyFile}`], env);
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stdout).toMatch(/TOKEN\s+set here \[1\]\s+set here \[1\]\s+same/);
    expect(compared.stdout).toMatch(/URL\s+set here \[1\]\s+set here \[2\]\s+differs/);
    expect(compared.stdout + compared.stderr).not.toMatch(/same-token|https:\/\/staging|https:\/\/production|diff passphrase/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
