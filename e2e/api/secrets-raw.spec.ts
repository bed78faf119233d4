import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "dotenv";
import { apiClient, createOrganization, type ApiClient, type OrganizationFixture } from "./support";
import { mustSucceed, serverSealer, uniqueSlug } from "./secrets-support";

// raw=true (docs/api.md#secrets): a text/plain .env body that the `dotenv` parser and a POSIX shell both read
// back exactly — the merged view with merge=true|both, else the deepest level; ciphertext lines
// unless decrypted.

const TRICKY: Record<string, string> = {
  EMPTY: "",
  SINGLE_QUOTES: "it's 'quoted'",
  DOUBLE_QUOTES: 'say "hello" twice ""',
  DOLLAR: "$HOME ${PATH} $1 $$",
  BACKTICKS: "`whoami` and `",
  SUBSTITUTION: "$(touch /tmp/dotenv-raw-pwned) and $((1+1))",
  MULTILINE: "first line\nsecond line\n\n  indented fourth\n",
  EQUALS: "key=value==x",
  UNICODE: "héllo 🔑 日本語 Ω",
  SPACES: "   leading and trailing   ",
  HASH: "# starts like a comment",
  INLINE_HASH: "before # after",
  BACKSLASHES: "C:\\Users\\n\\r\\",
  AFTER_BACKSLASH: "#right after a trailing backslash",
  PEM: "-----BEGIN PRIVATE KEY-----\nMIIEv+/AbC==\n-----END PRIVATE KEY-----\n",
  INJECTION: "x\nINJECTED=yes\nexport ALSO=1",
  JSON: '{"a": [1, "two", {"three": null}]}',
};

let org: OrganizationFixture;
let id: string;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
  id = org.organizationId;
});

async function levelWith(api: ApiClient, values: Record<string, string>, projectValues: Record<string, string> = {}) {
  const sealer = serverSealer(api, id);
  const target = uniqueSlug("raw");
  await mustSucceed(api.post(`/${id}/projects/my-app/targets`, { slug: target }), "target");
  await mustSucceed(api.post(`/${id}/secrets/store`, { project: "my-app", target, content: await sealer.seal(values) }), "store");
  if (Object.keys(projectValues).length > 0) {
    await mustSucceed(api.post(`/${id}/secrets/store`, { project: "my-app", content: await sealer.seal(projectValues) }), "store project");
  }
  return target;
}

/** Sources the file in sh (`set -a; . file`) and prints each named variable NUL-terminated. */
function readWithShell(text: string, names: string[]): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-raw-"));
  const file = path.join(dir, ".env");
  fs.writeFileSync(file, text);
  try {
    const script = 'set -a; . "$1"; shift; for name in "$@"; do eval "printf \'%s\\0\' \\"\\${$name}\\""; done';
    const output = execFileSync("sh", ["-c", script, "sh", file, ...names], { cwd: dir, encoding: "utf8", env: { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin" } });
    const values = output.split("\0");
    return Object.fromEntries(names.map((name, index) => [name, values[index]!]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("decrypted raw output reads back exactly with dotenv's parser and a POSIX shell", async ({ request }) => {
  const api = apiClient(request, org.token);
  const target = await levelWith(api, TRICKY);
  const response = await api.get(`/${id}/my-app/${target}/secrets?decrypt=true&merge=true&raw=true`);
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
  expect(response.headers["cache-control"]).toBe("no-store");
  const expected = { LOG_LEVEL: "info", APP_NAME: "my-app", ...TRICKY };
  expect(parse(response.text)).toEqual(expected);
  const names = [...Object.keys(expected), "INJECTED", "ALSO"];
  expect(readWithShell(response.text, names)).toEqual({ ...expected, INJECTED: "", ALSO: "" });
  expect(fs.existsSync("/tmp/dotenv-raw-pwned")).toBe(false);

  const retrieved = await api.post(`/${id}/secrets/retrieve`, { project: "my-app", target, action: "decrypt", merge: "both", raw: true });
  expect(retrieved.headers["content-type"]).toBe("text/plain; charset=utf-8");
  expect(retrieved.text).toBe(response.text);
  const filtered = await api.post(`/${id}/secrets/retrieve`, { project: "my-app", target, action: "decrypt", merge: true, raw: true, filters: { search: "quote" } });
  expect(parse(filtered.text)).toEqual({ SINGLE_QUOTES: TRICKY.SINGLE_QUOTES, DOUBLE_QUOTES: TRICKY.DOUBLE_QUOTES });
});

test("merge=false gives the deepest level only; without decrypt the lines are NAME=ciphertext", async ({ request }) => {
  const api = apiClient(request, org.token);
  const target = await levelWith(api, { OWN: "target value", LOG_LEVEL: "debug" });
  const deepest = await api.get(`/${id}/my-app/${target}/secrets?decrypt=true&raw=true`);
  expect(parse(deepest.text)).toEqual({ OWN: "target value", LOG_LEVEL: "debug" });
  const merged = await api.get(`/${id}/my-app/${target}/secrets?decrypt=true&raw=true&merge=both`);
  expect(parse(merged.text)).toEqual({ LOG_LEVEL: "debug", APP_NAME: "my-app", OWN: "target value" });

  const encrypted = await api.get(`/${id}/my-app/${target}/secrets?raw=true&merge=true`);
  expect(encrypted.status).toBe(200);
  const lines = encrypted.text.trimEnd().split("\n");
  expect(lines.map((line) => line.split("=")[0])).toEqual(["LOG_LEVEL", "APP_NAME", "OWN"]);
  for (const line of lines) expect(line).toMatch(/^[A-Z_]+=[A-Za-z0-9+/]+={0,2}$/);
  const json = (await api.get(`/${id}/my-app/${target}/secrets?merge=true`)).body.data.attributes.secrets;
  expect(parse(encrypted.text)).toEqual(json);
  expect(encrypted.text).not.toContain("target value");
});

test("a value no .env line can carry for both readers is refused with 422, naming it (never its value)", async ({ request }) => {
  const api = apiClient(request, org.token);
  const target = await levelWith(api, { FINE: "ok", MIXED: `it's "xyzzy" $x`, CARRIAGE: "a\r\nb" });
  const response = await api.get(`/${id}/my-app/${target}/secrets?decrypt=true&raw=true`);
  expect(response.status).toBe(422);
  expect(response.body.error).toBe("validation_failed");
  expect(response.body.message).toContain("MIXED");
  expect(response.body.message).toContain("CARRIAGE");
  expect(response.body.message).not.toContain("xyzzy");
  // The JSON output carries every value exactly.
  const json = await api.get(`/${id}/my-app/${target}/secrets?decrypt=true`);
  expect(json.body.data.attributes.levels.target).toEqual({ FINE: "ok", MIXED: `it's "xyzzy" $x`, CARRIAGE: "a\r\nb" });
});

test("an empty level gives an empty body", async ({ request }) => {
  const api = apiClient(request, org.token);
  const target = uniqueSlug("empty");
  await mustSucceed(api.post(`/${id}/projects/my-app/targets`, { slug: target }), "target");
  const response = await api.get(`/${id}/my-app/${target}/secrets?raw=true`);
  expect(response.status).toBe(200);
  expect(response.text).toBe("");
});
