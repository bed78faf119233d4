import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, type ApiClient, type OrganizationFixture } from "./support";
import { clientKey, createToken, mustSucceed, PRODUCTION, serverSealer, uniqueSlug } from "./secrets-support";

// Secrets API contract (docs/api.md#secrets): reading at three depths, merging,
// server-side decryption, retrieve with filters and key:retrieve, store with its checks, delete.

let org: OrganizationFixture;
let id: string;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
  id = org.organizationId;
});

const owner = (request: Parameters<typeof apiClient>[0]) => apiClient(request, org.token);

/** A fresh target (and environment) under my-app, so a test's writes touch nothing else. */
async function freshLevel(api: ApiClient) {
  const target = uniqueSlug("t");
  const environment = uniqueSlug("e");
  await mustSucceed(api.post(`/${id}/projects/my-app/targets`, { slug: target }), "target");
  await mustSucceed(api.post(`/${id}/projects/my-app/targets/${target}/environments`, { slug: environment }), "environment");
  return { project: "my-app", target, environment };
}

test.describe("reading", () => {
  test("hierarchical by default: the levels down to the one named, ciphertext, key info", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const response = await api.get(`/${id}/my-app/backend/production/secrets`);
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const { type, attributes } = response.body.data;
    expect(type).toBe("secrets");
    expect(Object.keys(attributes)).toEqual(["encrypted", "format", "levels", "key", "key_versions", "versions", "tags"]);
    expect(attributes).toMatchObject({ encrypted: true, format: "hierarchical", key: { custody: "server", version: 1, kdf: "PBKDF2-SHA256" } });
    expect(attributes.key).not.toHaveProperty("salt");
    expect(attributes.key).not.toHaveProperty("iterations");
    expect(attributes.key_versions).toEqual({ project: 1, target: 1, environment: 1 });
    expect(Object.keys(attributes.levels)).toEqual(["project", "target", "environment"]);
    expect(Object.keys(attributes.levels.project)).toEqual(["LOG_LEVEL", "APP_NAME"]);
    expect(Object.keys(attributes.levels.target)).toEqual(["DATABASE_URL", "PORT"]);
    expect(Object.keys(attributes.levels.environment)).toEqual(["LOG_LEVEL", "API_KEY", "DEBUG"]);
    expect(await sealer.open("API_KEY", attributes.levels.environment.API_KEY)).toBe("sk_demo_4f9a2c7e1b");
    expect(response.text).not.toContain("sk_demo");

    const project = (await api.get(`/${id}/my-app/secrets`)).body.data.attributes;
    expect(Object.keys(project.levels)).toEqual(["project"]);
    expect(project.key_versions).toEqual({ project: 1 });
    const target = (await api.get(`/${id}/my-app/backend/secrets`)).body.data.attributes;
    expect(Object.keys(target.levels)).toEqual(["project", "target"]);
  });

  test("merge=true|both with decrypt=true: project < target < environment", async ({ request }) => {
    const api = owner(request);
    const merged = (await api.get(`/${id}/my-app/backend/production/secrets?decrypt=true&merge=true`)).body.data.attributes;
    expect(merged.encrypted).toBe(false);
    expect(merged.format).toBe("merged");
    expect(merged).not.toHaveProperty("levels");
    expect(merged.secrets).toEqual({
      LOG_LEVEL: "warn", APP_NAME: "my-app", DATABASE_URL: "postgres://app:change-me@db.internal:5432/app", PORT: "8080",
      API_KEY: "sk_demo_4f9a2c7e1b", DEBUG: "false",
    });
    const both = (await api.get(`/${id}/my-app/backend/production/secrets?decrypt=1&merge=both`)).body.data.attributes;
    expect(both.format).toBe("both");
    expect(both.levels.project.LOG_LEVEL).toBe("info");
    expect(both.levels.environment.LOG_LEVEL).toBe("warn");
    expect(both.secrets.LOG_LEVEL).toBe("warn");
    const target = (await api.get(`/${id}/my-app/backend/secrets?decrypt=true&merge=true`)).body.data.attributes;
    expect(target.secrets.LOG_LEVEL).toBe("info");
    expect(target.secrets).not.toHaveProperty("API_KEY");
  });

  test("merged ciphertext is the overriding level's ciphertext", async ({ request }) => {
    const api = owner(request);
    const both = (await api.get(`/${id}/my-app/backend/production/secrets?merge=both`)).body.data.attributes;
    expect(both.encrypted).toBe(true);
    expect(both.secrets.LOG_LEVEL).toBe(both.levels.environment.LOG_LEVEL);
    expect(both.secrets.APP_NAME).toBe(both.levels.project.APP_NAME);
  });

  test("query validation and unknown levels", async ({ request }) => {
    const api = owner(request);
    for (const query of ["merge=sometimes", "merge=TRUE", "decrypt=yes", "raw=2"]) {
      const response = await api.get(`/${id}/my-app/secrets?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error).toBe("invalid_request");
    }
    expect((await api.get(`/${id}/no-such-project/secrets`)).status).toBe(404);
    expect((await api.get(`/${id}/my-app/no-such-target/secrets`)).status).toBe(404);
    expect((await api.get(`/${id}/my-app/backend/no-such-env/secrets`)).body.error).toBe("not_found");
    const other = createOrganization(test.info());
    expect((await apiClient(request, other.token).get(`/${id}/my-app/secrets`)).status).toBe(404);
  });

  test("decrypt=true without secret:decrypt is 403 insufficient_permissions", async ({ request }) => {
    const api = owner(request);
    const reader = apiClient(request, await createToken(api, id, [{ permission: "secret:read" }]));
    expect((await reader.get(`/${id}/my-app/backend/production/secrets`)).status).toBe(200);
    const refused = await reader.get(`/${id}/my-app/backend/production/secrets?decrypt=true`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe("insufficient_permissions");
    const retrieve = await reader.post(`/${id}/secrets/retrieve`, { ...PRODUCTION, action: "decrypt" });
    expect(retrieve.status).toBe(403);
    const key = await reader.post(`/${id}/secrets/retrieve`, { project: "my-app", action: "key:retrieve" });
    expect(key.status).toBe(403);
  });

  test("an environment-scoped read-only key reads its environment merged, 403 above it, 404 elsewhere", async ({ request }) => {
    const api = owner(request);
    await mustSucceed(api.post(`/${id}/projects`, { slug: "hidden", name: "Hidden", custody: "server" }), "project");
    const token = await createToken(api, id, [
      { permission: "organization:read" },
      ...["secret:read", "environment:read"].map((permission) => ({ permission, scope: PRODUCTION })),
    ]);
    const scoped = apiClient(request, token);
    const merged = await scoped.get(`/${id}/my-app/backend/production/secrets?merge=both`);
    expect(merged.status).toBe(200);
    expect(Object.keys(merged.body.data.attributes.secrets).sort()).toEqual(["API_KEY", "APP_NAME", "DATABASE_URL", "DEBUG", "LOG_LEVEL", "PORT"]);
    expect(Object.keys(merged.body.data.attributes.levels)).toEqual(["project", "target", "environment"]);
    const retrieved = await scoped.post(`/${id}/secrets/retrieve`, { ...PRODUCTION, merge: true });
    expect(retrieved.status).toBe(200);
    for (const path of [`/${id}/my-app/secrets`, `/${id}/my-app/backend/secrets`]) {
      const refused = await scoped.get(path);
      expect(refused.status, path).toBe(403);
      expect(refused.body.error).toBe("insufficient_permissions");
    }
    expect((await scoped.post(`/${id}/secrets/retrieve`, { project: "my-app" })).status).toBe(403);
    expect((await scoped.get(`/${id}/my-app/backend/production/secrets?decrypt=true`)).status).toBe(403);
    const elsewhere = await scoped.get(`/${id}/hidden/secrets`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error).toBe("not_found");
    expect((await scoped.post(`/${id}/secrets/retrieve`, { project: "hidden" })).status).toBe(404);
  });
});

test.describe("retrieve", () => {
  test("filters by exact names, tags (any of) and search, and accepts merge as string or boolean", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const level = await freshLevel(api);
    await mustSucceed(api.post(`/${id}/secrets/store`, {
      project: "my-app", target: level.target, content: await sealer.seal({ DB_HOST: "db", DB_PASSWORD: "pw", CACHE_URL: "redis://" }),
      tags: { DB_HOST: ["db"], DB_PASSWORD: ["db", "critical"] },
    }), "store target");
    await mustSucceed(api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ DB_HOST: "db.prod", SENTRY_DSN: "https://x" }) }), "store env");

    const retrieve = (body: object) => api.post(`/${id}/secrets/retrieve`, { ...level, action: "decrypt", merge: "true", ...body });
    const names = await retrieve({ filters: { names: ["DB_HOST", "SENTRY_DSN", "NOPE"] } });
    expect(names.status).toBe(200);
    expect(names.body.data.attributes.secrets).toEqual({ DB_HOST: "db.prod", SENTRY_DSN: "https://x" });
    // DB_HOST is tagged at the target; the merged view shows its effective (environment) value.
    const tags = await retrieve({ filters: { tags: ["critical", "db"] } });
    expect(tags.body.data.attributes.secrets).toEqual({ DB_HOST: "db.prod", DB_PASSWORD: "pw" });
    const search = await retrieve({ filters: { search: "url" } });
    expect(search.body.data.attributes.secrets).toEqual({ CACHE_URL: "redis://" });
    const combined = await retrieve({ filters: { search: "db_", tags: ["critical"] } });
    expect(combined.body.data.attributes.secrets).toEqual({ DB_PASSWORD: "pw" });

    const hierarchical = await api.post(`/${id}/secrets/retrieve`, { ...level, filters: { names: ["DB_HOST"] }, merge: false });
    expect(hierarchical.body.data.attributes.format).toBe("hierarchical");
    expect(Object.keys(hierarchical.body.data.attributes.levels.target)).toEqual(["DB_HOST"]);
    expect(hierarchical.body.data.attributes.encrypted).toBe(true);
    const both = await api.post(`/${id}/secrets/retrieve`, { ...level, merge: "both", action: "read" });
    expect(both.body.data.attributes.format).toBe("both");
    const booleanMerge = await api.post(`/${id}/secrets/retrieve`, { ...level, merge: true });
    expect(booleanMerge.body.data.attributes.format).toBe("merged");
    expect((await api.post(`/${id}/secrets/retrieve`, { ...level, merge: "sometimes" })).status).toBe(422);
    expect((await api.post(`/${id}/secrets/retrieve`, { target: "backend" })).body.error).toBe("validation_failed");
    expect((await api.post(`/${id}/secrets/retrieve`, { project: "my-app", environment: "production" })).status).toBe(422);
  });

  test("key:retrieve hands out a server-managed data key that decrypts the stored values", async ({ request }) => {
    const api = owner(request);
    const key = await api.post(`/${id}/secrets/retrieve`, { project: "my-app", action: "key:retrieve" });
    expect(key.status).toBe(200);
    expect(key.headers["cache-control"]).toBe("no-store");
    expect(key.body.data).toMatchObject({ custody: "server", version: 1, algorithm: "AES-256-GCM", kdf: "PBKDF2-SHA256", iterations: 600000 });
    expect(key.body.data.data_key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const sealer = serverSealer(api, id);
    const stored = (await api.get(`/${id}/my-app/secrets`)).body.data.attributes.levels.project;
    expect(await sealer.open("APP_NAME", stored.APP_NAME)).toBe("my-app");
    const audit = await api.get(`/${id}/audit?action=key.retrieve`);
    expect(audit.body.data.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.body.data)).not.toContain(key.body.data.data_key);
  });
});

test.describe("store", () => {
  test("stores a level and answers exactly as the docs say, with the new version", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const level = await freshLevel(api);
    const content = await sealer.seal({ FIRST: "1", SECOND: "two" });
    const stored = await api.post(`/${id}/secrets/store`, { ...level, content });
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({
      data: { type: "secrets", level: "environment", source: level.environment, bytes: Buffer.byteLength(content), version: 1 },
      message: "Secrets stored successfully.",
    });
    const again = await api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ FIRST: "one", THIRD: "3" }), expected_version: 1 });
    expect(again.body.data.version).toBe(2);
    const read = await api.get(`/${id}/my-app/${level.target}/${level.environment}/secrets?decrypt=true&merge=both`);
    expect(read.body.data.attributes.levels.environment).toEqual({ FIRST: "one", THIRD: "3" });
    expect(read.body.data.attributes.levels.target).toEqual({});
    expect(read.body.data.attributes.key_versions).toEqual({ project: 1, environment: 1 });

    const audit = await api.get(`/${id}/audit?action=secret.write&limit=1`);
    expect(audit.body.data[0].metadata).toMatchObject({
      project: "my-app", target: level.target, environment: level.environment, level: "environment", version: 2,
      names_added: ["THIRD"], names_removed: ["SECOND"], names_changed: ["FIRST"],
    });
    expect(JSON.stringify(audit.body.data[0])).not.toContain(content.split("\n")[0]!.split("=")[1]!);

    const project = await api.post(`/${id}/secrets/store`, { project: "my-app", target: level.target, content: await sealer.seal({ T: "t" }) });
    expect(project.body.data).toMatchObject({ level: "target", source: level.target, version: 1 });
  });

  test("expected_version: 409 version_conflict unless it is the level's current version (0 before the first write)", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const level = await freshLevel(api);
    const content = await sealer.seal({ A: "a" });
    const missing = await api.post(`/${id}/secrets/store`, { ...level, content, expected_version: 3 });
    expect(missing.status).toBe(409);
    expect(missing.body.error).toBe("version_conflict");
    expect((await api.post(`/${id}/secrets/store`, { ...level, content, expected_version: 0 })).body.data.version).toBe(1);
    const stale = await api.post(`/${id}/secrets/store`, { ...level, content, expected_version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe("version_conflict");
    expect((await api.post(`/${id}/secrets/store`, { ...level, content, expected_version: 1, tags: { A: ["db"] } })).status).toBe(200);
    // The read tells an editor the version to send as expected_version (0 for a level without a blob) and the tags.
    const read = (await api.get(`/${id}/my-app/${level.target}/${level.environment}/secrets`)).body.data.attributes;
    expect(read.versions).toEqual({ project: expect.any(Number), target: 0, environment: 2 });
    expect(read.tags).toEqual({ project: expect.any(Object), target: {}, environment: { A: ["db"] } });
    expect(read.versions.project).toBeGreaterThanOrEqual(1);
    const versions = await api.get(`/${id}/my-app/${level.target}/${level.environment}/secrets/versions`);
    expect(versions.body.data.map((version: { version: number }) => version.version)).toEqual([2, 1]);
  });

  test("invalid content: 422 invalid_content with the line, 413 over 256 KiB, 422 over 1000 names", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const level = await freshLevel(api);
    const valid = await sealer.seal({ GOOD: "1" });
    for (const [content, line] of [[`${valid}# comment\nnot a line\n`, 3], [`${valid}1BAD=${valid.split("=").slice(1).join("=")}`, 2], [`${valid}${valid}`, 2], ["A=not-base64!\n", 1]] as const) {
      const response = await api.post(`/${id}/secrets/store`, { ...level, content });
      expect(response.status, content).toBe(422);
      expect(response.body.error).toBe("invalid_content");
      expect(response.body.message).toContain(`line ${line}`);
    }
    const ciphertext = valid.trim().split("=").slice(1).join("=");
    const huge = Array.from({ length: 7000 }, (_, index) => `N${index}=${ciphertext}`).join("\n");
    expect(Buffer.byteLength(huge)).toBeGreaterThan(256 * 1024);
    const tooLarge = await api.post(`/${id}/secrets/store`, { ...level, content: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toBe("payload_too_large");
    const many = Array.from({ length: 1001 }, (_, index) => `N${index}=${ciphertext}`).join("\n");
    const tooMany = await api.post(`/${id}/secrets/store`, { ...level, content: many });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toBe("invalid_content");
    expect((await api.get(`/${id}/my-app/${level.target}/${level.environment}/secrets/versions`)).body.data).toEqual([]);
  });

  test("server-managed: a value that does not decrypt under the active key is 422 invalid_ciphertext naming it", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const level = await freshLevel(api);
    const good = await sealer.seal({ GOOD: "1", MOVED: "x" });
    // A ciphertext sealed for another NAME (AAD) does not open under this one.
    const swapped = good.replace(/^MOVED=/m, "STOLEN=");
    const foreign = await (await clientKey()).seal({ FOREIGN: "secret value" });
    for (const [content, name] of [[swapped, "STOLEN"], [`${good}${foreign}`, "FOREIGN"]] as const) {
      const response = await api.post(`/${id}/secrets/store`, { ...level, content });
      expect(response.status).toBe(422);
      expect(response.body.error).toBe("invalid_ciphertext");
      expect(response.body.message).toContain(name);
      expect(response.text).not.toContain("secret value");
    }
    expect((await api.get(`/${id}/my-app/${level.target}/${level.environment}/secrets`)).body.data.attributes.levels.environment).toEqual({});
  });

  test("tags: only for names of the content, short slugs, kept when a write omits them", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const level = await freshLevel(api);
    const unknown = await api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ A: "1" }), tags: { B: ["db"] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toBe("validation_failed");
    const badTag = await api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ A: "1" }), tags: { A: ["Not A Slug"] } });
    expect(badTag.status).toBe(422);
    await mustSucceed(api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ A: "1", B: "2" }), tags: { A: ["db", "db"], B: ["x"] } }), "store");
    await mustSucceed(api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ A: "one" }) }), "store without tags");
    const latest = await api.get(`/${id}/my-app/${level.target}/${level.environment}/secrets/versions/2`);
    expect(latest.body.data.tags).toEqual({ A: ["db"] });
    const filtered = await api.post(`/${id}/secrets/retrieve`, { ...level, action: "decrypt", merge: true, filters: { tags: ["db"] } });
    expect(filtered.body.data.attributes.secrets).toEqual({ A: "one" });
  });
});

test.describe("client-managed projects", () => {
  test("store needs the key proof; the server never decrypts; key:retrieve has no data key", async ({ request }) => {
    const api = owner(request);
    const key = await clientKey();
    const slug = uniqueSlug("zk");
    const created = await api.post(`/${id}/projects`, { slug, name: "Zero knowledge", custody: "client", key: key.setup });
    test.skip(created.status === 404 && /no such endpoint/i.test(created.text), "POST /{organization}/projects is not available yet");
    expect(created.status).toBe(201);
    const content = await key.seal({ SECRET: "only the client knows" });

    const missing = await api.post(`/${id}/secrets/store`, { project: slug, content });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toBe("key_proof_required");
    const other = await clientKey();
    const wrong = await api.post(`/${id}/secrets/store`, { project: slug, content, key_proof: other.keyProof });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toBe("key_proof_mismatch");
    expect((await api.get(`/${id}/${slug}/secrets`)).body.data.attributes.levels.project).toEqual({});

    const stored = await api.post(`/${id}/secrets/store`, { project: slug, content, key_proof: key.keyProof });
    expect(stored.status).toBe(200);
    expect(stored.body.data).toMatchObject({ level: "project", source: slug, version: 1 });

    const read = (await api.get(`/${id}/${slug}/secrets`)).body.data.attributes;
    expect(read.key).toEqual({ custody: "client", version: 1, kdf: "PBKDF2-SHA256", salt: key.setup.salt, iterations: 600000 });
    expect(await key.open("SECRET", read.levels.project.SECRET)).toBe("only the client knows");

    const decrypt = await api.get(`/${id}/${slug}/secrets?decrypt=true`);
    expect(decrypt.status).toBe(422);
    expect(decrypt.body.error).toBe("validation_failed");
    expect(decrypt.body.message).toMatch(/cannot decrypt/i);
    expect((await api.post(`/${id}/secrets/retrieve`, { project: slug, action: "decrypt" })).status).toBe(422);
    expect((await api.get(`/${id}/${slug}/secrets/versions/1?decrypt=true`)).status).toBe(422);

    const retrieved = await api.post(`/${id}/secrets/retrieve`, { project: slug, action: "key:retrieve" });
    expect(retrieved.status).toBe(200);
    expect(retrieved.body.data).toEqual({ custody: "client", version: 1, algorithm: "AES-256-GCM", kdf: "PBKDF2-SHA256", salt: key.setup.salt, iterations: 600000 });
  });

  test("a client-managed project without key verification refuses writes with key_proof_required", async ({ request }) => {
    const api = owner(request);
    const slug = uniqueSlug("unset");
    const created = await api.post(`/${id}/projects`, { slug, name: "No key yet", custody: "client" });
    test.skip(created.status === 404 && /no such endpoint/i.test(created.text), "POST /{organization}/projects is not available yet");
    expect(created.status).toBe(201);
    const key = await clientKey();
    const response = await api.post(`/${id}/secrets/store`, { project: slug, content: await key.seal({ A: "1" }), key_proof: key.keyProof });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe("key_proof_required");
  });
});

test.describe("delete", () => {
  test("clears a level as a new version (history kept); a level without secrets is a no-op 204", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const level = await freshLevel(api);
    const base = `/${id}/my-app/${level.target}/${level.environment}/secrets`;
    expect((await api.post(`/${id}/secrets/delete`, level)).status).toBe(204);
    expect((await api.get(`${base}/versions`)).body.data).toEqual([]);

    await mustSucceed(api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ GONE: "soon" }) }), "store");
    const cleared = await api.post(`/${id}/secrets/delete`, level);
    expect(cleared.status).toBe(204);
    expect(cleared.text).toBe("");
    expect((await api.get(base)).body.data.attributes.levels.environment).toEqual({});
    const versions = (await api.get(`${base}/versions`)).body.data;
    expect(versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    expect(versions[0].names).toEqual({ added: [], removed: ["GONE"], changed: [] });
    expect((await api.post(`/${id}/secrets/delete`, level)).status).toBe(204);
    expect((await api.get(`${base}/versions`)).body.data).toHaveLength(2);
  });

  test("no_backup needs confirmed (422) and secret:purge (403), then purges history and the row", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const level = await freshLevel(api);
    const base = `/${id}/my-app/${level.target}/${level.environment}/secrets`;
    await mustSucceed(api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ A: "1" }) }), "store");
    await mustSucceed(api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ A: "2" }) }), "store");

    const unconfirmed = await api.post(`/${id}/secrets/delete`, { ...level, no_backup: true });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.error).toBe("confirmation_required");
    const writer = apiClient(request, await createToken(api, id, [{ permission: "secret:write" }, { permission: "secret:read" }]));
    const forbidden = await writer.post(`/${id}/secrets/delete`, { ...level, no_backup: true, confirmed: true });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toBe("insufficient_permissions");
    expect((await api.get(`${base}/versions`)).body.data).toHaveLength(2);

    expect((await api.post(`/${id}/secrets/delete`, { ...level, no_backup: true, confirmed: true })).status).toBe(204);
    expect((await api.get(`${base}/versions`)).body.data).toEqual([]);
    const read = (await api.get(base)).body.data.attributes;
    expect(read.levels.environment).toEqual({});
    expect(read.key_versions).not.toHaveProperty("environment");
    // The level starts over: expected_version 0 matches again.
    expect((await api.post(`/${id}/secrets/store`, { ...level, content: await sealer.seal({ A: "3" }), expected_version: 0 })).body.data.version).toBe(1);
  });

  test("secret:write is needed to store or delete", async ({ request }) => {
    const api = owner(request);
    const sealer = serverSealer(api, id);
    const reader = apiClient(request, await createToken(api, id, [{ permission: "secret:read" }]));
    const store = await reader.post(`/${id}/secrets/store`, { ...PRODUCTION, content: await sealer.seal({ X: "1" }) });
    expect(store.status).toBe(403);
    expect(store.body.error).toBe("insufficient_permissions");
    expect((await reader.post(`/${id}/secrets/delete`, PRODUCTION)).status).toBe(403);
  });
});
