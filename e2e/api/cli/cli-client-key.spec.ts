import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { deriveProjectKey, generateSalt } from "../../../lib/crypto";
import { formatDotenv } from "../../../lib/dotenv/format";
import { apiClient, createOrganization, type OrganizationFixture } from "../support";
import { cliEnv, freshProject, runCli, tempDir, TRICKY } from "./cli-support";

// Client-managed (zero-knowledge) projects through the CLI (docs/crypto.md#wire-format, docs/cli.md#commands): the passphrase comes from
// a --client-key file (or, with a warning, DOTENV_CLIENT_KEY); values are decrypted and encrypted
// on this machine and writes carry the key proof. A wrong key is a clear error and writes nothing.

const PASSPHRASE = "correct horse battery staple — client key ✓";

let org: OrganizationFixture;
let dir: string;
let level: string;
let keyFile: string;
let wrongKeyFile: string;

test.beforeAll(async ({ playwright }, testInfo) => {
  org = createOrganization(testInfo);
  dir = tempDir();
  const salt = generateSalt();
  const { keyProof } = await deriveProjectKey(PASSPHRASE, salt, 600_000);
  const request = await playwright.request.newContext({ baseURL: String(testInfo.project.use.baseURL) });
  ({ path: level } = await freshProject(apiClient(request, org.token), org.organizationId, "client", { salt, iterations: 600_000, key_proof: keyProof }));
  await request.dispose();
  keyFile = path.join(dir, "project.key");
  fs.writeFileSync(keyFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  wrongKeyFile = path.join(dir, "wrong.key");
  fs.writeFileSync(wrongKeyFile, "not the passphrase of this project\n", { mode: 0o600 });
  // Every test starts from an environment that holds a value (the round trip then replaces it).
  const seed = path.join(dir, "seed.env");
  fs.writeFileSync(seed, "ONLY_HERE='zero-knowledge value'\n");
  const seeded = await runCli(["push", level, `--input=${seed}`, `--client-key=${keyFile}`, "--yes"], cliEnv(testInfo, org.token, org.organizationId));
  if (seeded.code !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("round trip with --client-key: push encrypts locally, pull and run decrypt locally", async ({ request }, testInfo) => {
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const input = path.join(dir, "client.env");
  const values = { ...TRICKY, ONLY_HERE: "zero-knowledge value" };
  fs.writeFileSync(input, formatDotenv(values));
  const pushed = await runCli(["push", level, `--input=${input}`, `--client-key=${keyFile}`, "--yes"], env);
  expect(pushed.code, pushed.stderr).toBe(0);
  expect(pushed.stderr).not.toContain(PASSPHRASE);
  expect(pushed.stderr).not.toMatch(/warning/);

  // The server holds ciphertext only and cannot decrypt it.
  const stored = await apiClient(request, org.token).get(`/${org.organizationId}/${level}/secrets`);
  expect(stored.text).not.toContain("zero-knowledge value");
  expect((await apiClient(request, org.token).get(`/${org.organizationId}/${level}/secrets?decrypt=true`)).status).toBe(422);

  const output = path.join(dir, "client-pulled.json");
  const pulled = await runCli(["pull", level, `--client-key=${keyFile}`, `--output=${output}`, "--format=json"], env);
  expect(pulled.code, pulled.stderr).toBe(0);
  expect(JSON.parse(fs.readFileSync(output, "utf8"))).toEqual(values);
  const ran = await runCli(["run", level, `--client-key=${keyFile}`, "--", process.execPath, "-e", "process.stdout.write(process.env.ONLY_HERE)"], env);
  expect(ran.stdout).toBe("zero-knowledge value");
});

test("the key by value works, with a warning on stderr that never shows the key", async ({}, testInfo) => {
  const env = cliEnv(testInfo, org.token, org.organizationId, { DOTENV_CLIENT_KEY: PASSPHRASE });
  const result = await runCli(["export", level, "--format=json"], env);
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ ONLY_HERE: "zero-knowledge value" });
  expect(result.stderr).toMatch(/^dotenv: warning: the client key was passed by value .*--client-key=<file>/);
  expect(result.stderr).not.toContain(PASSPHRASE);
});

test("a wrong key: clear error, no file written, no push stored", async ({ request }, testInfo) => {
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const output = path.join(dir, "never.env");
  const pull = await runCli(["pull", level, `--client-key=${wrongKeyFile}`, `--output=${output}`], env);
  expect(pull.code).toBe(3);
  expect(pull.stderr).toMatch(/^dotenv: the client key does not decrypt .*wrong key/);
  expect(fs.existsSync(output)).toBe(false);

  const input = path.join(dir, "wrong.env");
  fs.writeFileSync(input, "ONLY_HERE=overwritten\n");
  const versions = async () => (await apiClient(request, org.token).get(`/${org.organizationId}/${level}/secrets/versions`)).body.data.length;
  const before = await versions();
  const push = await runCli(["push", level, `--input=${input}`, `--client-key=${wrongKeyFile}`, "--yes"], env);
  expect(push.code).toBe(3);
  expect(push.stderr).toMatch(/client key/);
  expect(await versions()).toBe(before);

  // An empty level has nothing to decrypt: the server's key check refuses the write.
  const project = level.split("/")[0];
  const emptyLevel = `${project}/api`;
  const emptyPush = await runCli(["push", emptyLevel, `--input=${input}`, `--client-key=${wrongKeyFile}`, "--yes"], env);
  expect(emptyPush.code, emptyPush.stderr).toBe(3);
  expect(emptyPush.stderr).toMatch(/\ndotenv: the client key is wrong for [^\n]*nothing was written\n$/);
  expect(Object.keys((await apiClient(request, org.token).get(`/${org.organizationId}/${emptyLevel}/secrets`)).body.data.attributes.levels.target)).toEqual([]);
});

test("no key, or a key file that is not there: usage errors that never echo the argument", async ({}, testInfo) => {
  const env = cliEnv(testInfo, org.token, org.organizationId);
  const missing = await runCli(["export", level], env);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/client-managed: pass --client-key=<file>/);
  const typedTheKey = await runCli(["export", level, `--client-key=${PASSPHRASE}`], env);
  expect(typedTheKey.code).toBe(2);
  expect(typedTheKey.stderr).toMatch(/does not exist/);
  expect(typedTheKey.stderr).not.toContain(PASSPHRASE);
});
