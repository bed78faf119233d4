import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, type ApiClient, type OrganizationFixture } from "./support";
import { createToken, mustSucceed, serverSealer, uniqueSlug } from "./secrets-support";

// Secret versions (docs/api.md#versions) at the three depths: list, read, restore, delete one, purge.

let org: OrganizationFixture;
let id: string;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
  id = org.organizationId;
});

interface Level {
  body: { project: string; target?: string; environment?: string };
  /** URL prefix of the level's secrets: /{org}/{project}[/{target}[/{environment}]]/secrets */
  base: string;
}

/** A fresh level at the given depth (a new project, target or environment). */
async function freshLevel(api: ApiClient, depth: "project" | "target" | "environment"): Promise<Level> {
  if (depth === "project") {
    const project = uniqueSlug("p");
    await mustSucceed(api.post(`/${id}/projects`, { slug: project, name: project, custody: "server" }), "project");
    return { body: { project }, base: `/${id}/${project}/secrets` };
  }
  const target = uniqueSlug("t");
  await mustSucceed(api.post(`/${id}/projects/my-app/targets`, { slug: target }), "target");
  if (depth === "target") return { body: { project: "my-app", target }, base: `/${id}/my-app/${target}/secrets` };
  const environment = uniqueSlug("e");
  await mustSucceed(api.post(`/${id}/projects/my-app/targets/${target}/environments`, { slug: environment }), "environment");
  return { body: { project: "my-app", target, environment }, base: `/${id}/my-app/${target}/${environment}/secrets` };
}

async function storeVersions(api: ApiClient, level: Level, contents: Record<string, string>[]) {
  const sealer = serverSealer(api, id, level.body.project);
  for (const values of contents) await mustSucceed(api.post(`/${id}/secrets/store`, { ...level.body, content: await sealer.seal(values) }), "store");
}

for (const depth of ["project", "target", "environment"] as const) {
  test(`${depth}: list, read, restore, delete and purge versions`, async ({ request }) => {
    const api = apiClient(request, org.token);
    const level = await freshLevel(api, depth);
    await storeVersions(api, level, [{ A: "1", B: "b" }, { A: "2", C: "c" }, { A: "3", C: "c" }]);

    const list = await api.get(`${level.base}/versions`);
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ next_cursor: null });
    expect(list.body.data.map((version: { version: number }) => version.version)).toEqual([3, 2, 1]);
    const second = list.body.data[1];
    expect(Object.keys(second).sort()).toEqual(["actor", "created_at", "current", "key_version", "names", "restored_from", "source", "version"]);
    expect(second).toMatchObject({ version: 2, source: "api", key_version: 1, current: false, names: { added: ["C"], removed: ["B"], changed: ["A"] } });
    expect(second.actor).toMatchObject({ type: "token" });
    expect(typeof second.actor.label).toBe("string");
    expect(list.body.data[0].current).toBe(true);

    const read = await api.get(`${level.base}/versions/1?decrypt=true`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ type: "secret_version", version: 1, encrypted: false, secrets: { A: "1", B: "b" }, tags: {} });
    const encrypted = await api.get(`${level.base}/versions/1`);
    expect(encrypted.body.data.encrypted).toBe(true);
    expect(encrypted.body.data.secrets.A).not.toBe("1");

    const restored = await apiClient(request, org.token, { "X-Dotenv-Client": "cli" }).post(`${level.base}/versions/1/restore`, { expected_version: 3 });
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ type: "secrets", level: depth, version: 4, restored_from: 1, key_version: 1 });
    const current = await api.get(`${level.base}?decrypt=true&merge=false`);
    expect(current.body.data.attributes.levels[depth]).toEqual({ A: "1", B: "b" });
    const afterRestore = (await api.get(`${level.base}/versions?limit=1`)).body;
    expect(afterRestore.data[0]).toMatchObject({ version: 4, source: "cli", names: { added: ["B"], removed: ["C"], changed: ["A"] } });
    expect(afterRestore.meta.next_cursor).toEqual(expect.any(String));

    const stale = await api.post(`${level.base}/versions/2/restore`, { expected_version: 3 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe("version_conflict");

    expect((await api.delete(`${level.base}/versions/2`)).status).toBe(204);
    expect((await api.get(`${level.base}/versions/2`)).status).toBe(404);
    expect((await api.delete(`${level.base}/versions/2`)).status).toBe(404);
    const currentDelete = await api.delete(`${level.base}/versions/4`);
    expect(currentDelete.status).toBe(422);
    expect(currentDelete.body.error).toBe("validation_failed");

    const unconfirmed = await api.post(`${level.base}/versions/purge`, {});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.error).toBe("confirmation_required");
    const purged = await api.post(`${level.base}/versions/purge`, { confirmed: true });
    expect(purged.status).toBe(200);
    expect(purged.body.data).toMatchObject({ purged: 2, current_version: 4 });
    expect((await api.get(`${level.base}/versions`)).body.data.map((version: { version: number }) => version.version)).toEqual([4]);
    expect((await api.get(`${level.base}?decrypt=true`)).body.data.attributes.levels[depth]).toEqual({ A: "1", B: "b" });
  });
}

test("pagination: newest first, cursor from meta.next_cursor until null", async ({ request }) => {
  const api = apiClient(request, org.token);
  const level = await freshLevel(api, "target");
  await storeVersions(api, level, [1, 2, 3, 4, 5].map((n) => ({ N: String(n) })));
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: { version: number }[]; meta: { next_cursor: string | null } } } =
      await api.get(`${level.base}/versions?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
    seen.push(...page.body.data.map((version) => version.version));
    cursor = page.body.meta.next_cursor;
  } while (cursor);
  expect(seen).toEqual([5, 4, 3, 2, 1]);
  expect((await api.get(`${level.base}/versions?limit=0`)).status).toBe(400);
});

test("{n} that is not a positive integer, or an unknown version, is 404", async ({ request }) => {
  const api = apiClient(request, org.token);
  const level = await freshLevel(api, "environment");
  await storeVersions(api, level, [{ A: "1" }]);
  for (const n of ["0", "-1", "abc", "1.5", "01", "99999999999"]) {
    const response = await api.get(`${level.base}/versions/${n}`);
    expect(response.status, n).toBe(404);
    expect(response.body.error).toBe("not_found");
  }
  expect((await api.get(`${level.base}/versions/2`)).status).toBe(404);
  expect((await api.post(`${level.base}/versions/2/restore`, {})).status).toBe(404);
  expect((await api.delete(`${level.base}/versions/7`)).status).toBe(404);
  const empty = await freshLevel(api, "target");
  expect((await api.get(`${empty.base}/versions`)).body).toEqual({ data: [], meta: { next_cursor: null } });
  expect((await api.get(`${empty.base}/versions/1`)).status).toBe(404);
  expect((await api.post(`${empty.base}/versions/purge`, { confirmed: true })).body.data).toMatchObject({ purged: 0, current_version: null });
});

test("permissions: secret:history to read, secret:decrypt to decrypt, secret:restore, secret:purge", async ({ request }) => {
  const api = apiClient(request, org.token);
  const level = await freshLevel(api, "environment");
  await storeVersions(api, level, [{ A: "1" }, { A: "2" }]);
  const as = async (permissions: string[]) => apiClient(request, await createToken(api, id, permissions.map((permission) => ({ permission }))));

  const reader = await as(["secret:read"]);
  for (const response of [await reader.get(`${level.base}/versions`), await reader.get(`${level.base}/versions/1`)]) {
    expect(response.status).toBe(403);
    expect(response.body.error).toBe("insufficient_permissions");
  }
  const historian = await as(["secret:history"]);
  expect((await historian.get(`${level.base}/versions/1`)).status).toBe(200);
  const decrypt = await historian.get(`${level.base}/versions/1?decrypt=true`);
  expect(decrypt.status).toBe(403);
  expect(decrypt.body.error).toBe("insufficient_permissions");
  expect((await historian.post(`${level.base}/versions/1/restore`, {})).status).toBe(403);
  expect((await historian.delete(`${level.base}/versions/1`)).status).toBe(403);
  expect((await historian.post(`${level.base}/versions/purge`, { confirmed: true })).status).toBe(403);

  const restorer = await as(["secret:restore"]);
  expect((await restorer.post(`${level.base}/versions/1/restore`, {})).body.data.version).toBe(3);
  const purger = await as(["secret:purge"]);
  expect((await purger.delete(`${level.base}/versions/1`)).status).toBe(204);
  expect((await purger.post(`${level.base}/versions/purge`, { confirmed: true })).status).toBe(200);
});

test("restoring content from before a key rotation keeps its key version", async ({ request }) => {
  const api = apiClient(request, org.token);
  const level = await freshLevel(api, "project");
  await storeVersions(api, level, [{ OLD: "under key 1" }]);
  const rotated = await api.post(`/${id}/${level.body.project}/keys/rotate`, {});
  test.skip(rotated.status === 404 && /no such endpoint/i.test(rotated.text), "POST …/keys/rotate is not available yet");
  expect(rotated.status).toBe(200);
  await storeVersions(api, level, [{ NEW: "under key 2" }]);
  expect((await api.get(level.base)).body.data.attributes.key_versions).toEqual({ project: 2 });

  const restored = await api.post(`${level.base}/versions/1/restore`, {});
  expect(restored.status).toBe(200);
  expect(restored.body.data.key_version).toBe(1);
  const read = (await api.get(`${level.base}?decrypt=true`)).body.data.attributes;
  expect(read.key_versions).toEqual({ project: 1 });
  expect(read.key.version).toBe(2);
  expect(read.levels.project).toEqual({ OLD: "under key 1" });
});
