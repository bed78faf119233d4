import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { deriveProjectKey, generateSalt } from "../../../lib/crypto";
import { apiClient, createOrganization, type OrganizationFixture } from "../support";
import { cliEnv, freshProject, runCli, tempDir } from "./cli-support";

// `dotenv keys list|rotate|custody|reencrypt-history` as a subprocess (docs/cli.md#keys): the real
// bin against the test server. Client-managed passphrases come from files only and never appear
// in output; a CI job needs --yes; exit codes as the other commands.

const OLD = "old passphrase for the cli keys spec ✓";
const NEW = "new passphrase for the cli keys spec ✓✓";

let org: OrganizationFixture;
let dir: string;
const file = (name: string, text?: string) => {
  const target = path.join(dir, name);
  if (text !== undefined) fs.writeFileSync(target, `${text}\n`, { mode: 0o600 });
  return target;
};

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
  dir = tempDir();
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function push(testInfo: Parameters<typeof cliEnv>[0], level: string, values: string, keyFile?: string) {
  const input = file(`${Math.random().toString(36).slice(2)}.env`, values);
  const pushed = await runCli(["push", level, `--input=${input}`, "--yes", ...(keyFile ? [`--client-key=${keyFile}`] : [])], cliEnv(testInfo, org.token, org.organizationId));
  expect(pushed.code, pushed.stderr).toBe(0);
}

test("server-managed: list, rotate (--yes in CI), re-encrypt history, custody to the clients and back", async ({ request }, testInfo) => {
  test.setTimeout(120_000);
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const api = apiClient(request, org.token);
  const { project, path: level } = await freshProject(api, org.organizationId, "server");
  await push(testInfo, level, "A=one");
  await push(testInfo, level, "A=two");

  const listed = await runCli(["keys", "list", project], env);
  expect(listed.code, listed.stderr).toBe(0);
  expect(listed.stdout).toMatch(new RegExp(`^${project}: server-managed, key version 1 active; no rotation cadence`));
  expect(listed.stdout).toMatch(/VERSION\s+STATE\s+CUSTODY/);
  expect(listed.stdout).toMatch(/\n {2}1\s+active\s+server\s/);

  const unconfirmed = await runCli(["keys", "rotate", project], env);
  expect(unconfirmed.code).toBe(2);
  expect(unconfirmed.stderr).toMatch(/^dotenv: not rotating: stdin is not a terminal.*--yes/);
  const rotated = await runCli(["keys", "rotate", project, "--yes"], env);
  expect(rotated.code, rotated.stderr).toBe(0);
  expect(rotated.stderr).toContain(`Rotated ${project}: key version 2 is active (1 level(s) re-encrypted).`);
  expect(rotated.stderr).toContain("2 older version(s) are still under older keys");

  const reencrypted = await runCli(["keys", "reencrypt-history", project], env);
  expect(reencrypted.code, reencrypted.stderr).toBe(0);
  expect(reencrypted.stderr).toBe(`Re-encrypted 2 version(s) of ${project} under key version 2; older keys now protect nothing.\n`);
  const json = JSON.parse((await runCli(["keys", "list", project, "--json"], env)).stdout);
  expect(json.meta).toMatchObject({ active_version: 2, stale_versions: 0 });
  expect(json.data.map((key: { version: number; state: string }) => `${key.version}:${key.state}`)).toEqual(["2:active", "1:rotated"]);

  // To the clients: the key file is written first (0600), then the server forgets the key.
  const keyFile = path.join(dir, `${project}.key`);
  const toClient = await runCli(["keys", "custody", project, "--to=client", `--client-key=${keyFile}`, "--yes"], env);
  expect(toClient.code, toClient.stderr).toBe(0);
  expect(toClient.stderr).toContain(`${project} is now client-managed (key version 2; no ciphertext changed).`);
  expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  const passphrase = fs.readFileSync(keyFile, "utf8").trim();
  expect(toClient.stdout + toClient.stderr).not.toContain(passphrase);
  const pulled = await runCli(["export", level, `--client-key=${keyFile}`, "--format=json"], env);
  expect(JSON.parse(pulled.stdout)).toEqual({ A: "two" });
  const again = await runCli(["keys", "custody", project, "--to=client", `--client-key=${file("other.key", "something else")}`, "--yes"], env);
  expect(again.code).toBe(1);

  const toServer = await runCli(["keys", "custody", project, "--to=server", `--client-key=${keyFile}`, "--yes"], env);
  expect(toServer.code, toServer.stderr).toBe(0);
  expect((await api.get(`/${org.organizationId}/${level}/secrets?decrypt=true`)).body.data.attributes.levels.environment).toEqual({ A: "two" });
});

test("client-managed: rotate and re-encrypt with --client-key and --new-client-key files; wrong or literal keys are refused", async ({ request }, testInfo) => {
  test.setTimeout(180_000);
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const api = apiClient(request, org.token);
  const salt = generateSalt();
  const { keyProof } = await deriveProjectKey(OLD, salt, 600_000);
  const { project, path: level } = await freshProject(api, org.organizationId, "client", { salt, iterations: 600_000, key_proof: keyProof });
  const oldKey = file("old.key", OLD);
  const newKey = file("new.key", NEW);
  await push(testInfo, level, "TOKEN=first", oldKey);
  await push(testInfo, level, "TOKEN=second", oldKey);
  await push(testInfo, `${project}/api`, "SHARED=target", oldKey);

  const wrong = await runCli(["keys", "rotate", project, `--client-key=${newKey}`, `--new-client-key=${oldKey}`, "--yes"], env);
  expect(wrong.code).toBe(3);
  expect(wrong.stderr).toMatch(/not .*'s current key; nothing was rotated/);
  const literal = await runCli(["keys", "rotate", project, `--client-key=${OLD}`, `--new-client-key=${newKey}`, "--yes"], env);
  expect(literal.code).toBe(2);
  expect(literal.stderr).not.toContain(OLD);
  const short = await runCli(["keys", "rotate", project, `--client-key=${oldKey}`, `--new-client-key=${file("short.key", "too short")}`, "--yes"], env);
  expect(short.code).toBe(2);
  expect(short.stderr).toMatch(/shorter than 16 characters/);

  const rotated = await runCli(["keys", "rotate", project, `--client-key=${oldKey}`, `--new-client-key=${newKey}`, "--yes"], env);
  expect(rotated.code, rotated.stderr).toBe(0);
  expect(rotated.stderr).toContain(`Rotated ${project}: key version 2 is active (2 level(s) re-encrypted).`);
  for (const output of [wrong, rotated]) expect(output.stdout + output.stderr).not.toMatch(/passphrase for the cli keys spec/);

  // The new key reads the current values; the old one no longer works for writing.
  expect(JSON.parse((await runCli(["export", level, `--client-key=${newKey}`, "--format=json"], env)).stdout)).toEqual({ SHARED: "target", TOKEN: "second" });
  const stale = await runCli(["push", level, `--input=${file("stale.env", "TOKEN=third")}`, `--client-key=${oldKey}`, "--yes"], env);
  expect(stale.code).not.toBe(0);

  const history = await runCli(["keys", "reencrypt-history", project, `--client-key=${oldKey}`, `--new-client-key=${newKey}`], env);
  expect(history.code, history.stderr).toBe(0);
  expect(history.stderr).toBe(`Re-encrypted 3 version(s) of ${project} under key version 2; older keys now protect nothing.\n`);
  const versions = (await api.get(`/${org.organizationId}/${level}/secrets/versions`)).body.data;
  expect(versions.map((version: { key_version: number }) => version.key_version)).toEqual([2, 2, 2]);
  const nothing = await runCli(["keys", "reencrypt-history", project, `--client-key=${oldKey}`, `--new-client-key=${newKey}`], env);
  expect(nothing.stderr).toMatch(/^Nothing to re-encrypt/);
});
