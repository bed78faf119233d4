import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, type ApiClient, type ApiResponse, type OrganizationFixture, VECTOR_KEY as KEY } from "./support";

// A project's keys (docs/crypto.md#wire-format, docs/api.md#keys): the listing shows versions, custody, KDF parameters and dates —
// never key material or proof hashes — and a client-managed project's key is set up exactly once.


let org: OrganizationFixture;
let other: OrganizationFixture;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
  other = createOrganization(testInfo);
});

const keysOf = (project: string, organizationId = org.organizationId) => `/${organizationId}/${project}/keys`;
const verificationOf = (project: string, organizationId = org.organizationId) => `${keysOf(project, organizationId)}/verification`;

function expectError(response: ApiResponse, status: number, error: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body.error).toBe(error);
}

async function createProject(api: ApiClient, body: Record<string, unknown>) {
  const response = await api.post(`/${org.organizationId}/projects`, body);
  expect(response.status, response.text).toBe(201);
  return response.body.data;
}

async function mint(api: ApiClient, permissions: unknown[]): Promise<string> {
  const response = await api.post(`/${org.organizationId}/tokens`, { name: "keys test", expires: "30d", permissions });
  expect(response.status, `POST /tokens is needed for scoped-key tests: ${response.text}`).toBe(201);
  return response.body.data.token as string;
}

function expectNoKeyMaterial(text: string) {
  expect(text).not.toMatch(/wrapped|proof_hash|proofHash|key_proof|passphrase|v1\./i);
  expect(text).not.toContain(KEY.key_proof);
}

test("a server-managed project lists its active version without the salt or any key material", async ({ request }) => {
  const api = apiClient(request, org.token);
  const response = await api.get(keysOf("my-app"));
  expect(response.status, response.text).toBe(200);
  expect(response.headers["cache-control"]).toBe("no-store");
  expect(response.body.data).toEqual([{
    version: 1, state: "active", custody: "server", kdf: "PBKDF2-SHA256", iterations: 600_000, configured: true, created_at: expect.any(String),
    created_by: { type: "user", id: expect.any(String), label: org.owner.email }, rotated_at: null, secret_versions: 3,
  }]);
  expect(response.body.meta).toEqual({
    custody: "server", active_version: 1, stale_versions: 0, next_cursor: null,
    rotation: { cadence_days: null, active_since: response.body.data[0].created_at, due_at: null, overdue: false },
  });
  expectNoKeyMaterial(response.text);
});

test("a client-managed project's key is set up once: 201, then 409 already_exists", async ({ request }) => {
  const api = apiClient(request, org.token);
  expect(await createProject(api, { slug: "vault", custody: "client" })).toMatchObject({ key_configured: false, key_version: 1 });
  const before = await api.get(keysOf("vault"));
  expect(before.body.data).toEqual([{
    version: 1, state: "active", custody: "client", kdf: "PBKDF2-SHA256", salt: null, iterations: null, configured: false, created_at: expect.any(String),
    created_by: { type: "token", id: expect.any(String), label: expect.any(String) }, rotated_at: null, secret_versions: 0,
  }]);
  expect(before.body.meta).toMatchObject({ custody: "client", active_version: 1 });

  const setup = await api.post(verificationOf("vault"), KEY);
  expect(setup.status, setup.text).toBe(201);
  expect(setup.body.data).toMatchObject({ custody: "client", version: 1, state: "active", kdf: "PBKDF2-SHA256", salt: KEY.salt, iterations: KEY.iterations, configured: true });
  expectNoKeyMaterial(setup.text);

  const after = await api.get(keysOf("vault"));
  expect(after.body.data).toEqual([expect.objectContaining({ version: 1, salt: KEY.salt, iterations: 600_000, configured: true })]);
  expectNoKeyMaterial(after.text);
  expect((await api.get(`/${org.organizationId}/projects/vault`)).body.data).toMatchObject({ key_configured: true });

  const again = await api.post(verificationOf("vault"), { ...KEY, salt: "AAAAAAAAAAAAAAAAAAAAAA==" });
  expectError(again, 409, "already_exists");
  expect((await api.get(keysOf("vault"))).body.data[0].salt).toBe(KEY.salt);

  // A project created with its key is set up already.
  await createProject(api, { slug: "vault-ready", custody: "client", key: KEY });
  expectError(await api.post(verificationOf("vault-ready"), KEY), 409, "already_exists");
});

test("refusals: server custody 422, weak parameters 422, bad JSON 400 — and nothing is set up", async ({ request }) => {
  const api = apiClient(request, org.token);
  expectError(await api.post(verificationOf("my-app"), KEY), 422, "validation_failed");
  await createProject(api, { slug: "vault-weak", custody: "client" });
  const weak = [
    { ...KEY, iterations: 1000 }, { ...KEY, iterations: 20_000_000 }, { ...KEY, iterations: "600000" },
    { ...KEY, salt: Buffer.alloc(15, 7).toString("base64") }, { ...KEY, salt: Buffer.alloc(17, 7).toString("base64") }, { ...KEY, salt: "8OHSw7Sllod4aVpLPC0eDw" },
    { ...KEY, key_proof: "" }, { ...KEY, key_proof: 5 }, { salt: KEY.salt, iterations: KEY.iterations }, { ...KEY, passphrase: "never sent" }, {},
  ];
  for (const body of weak) expectError(await api.post(verificationOf("vault-weak"), body), 422, "validation_failed");
  expectError(await api.postRaw(verificationOf("vault-weak"), '{"salt": '), 400, "invalid_request");
  expect((await api.get(keysOf("vault-weak"))).body.data[0]).toMatchObject({ configured: false, salt: null });
  expect((await api.post(verificationOf("vault-weak"), KEY)).status).toBe(201);
});

test("unknown projects and other organizations' projects are 404", async ({ request }) => {
  const api = apiClient(request, org.token);
  const theirs = apiClient(request, other.token);
  const response = await theirs.post(`/${other.organizationId}/projects`, { slug: "their-vault", custody: "client" });
  expect(response.status).toBe(201);
  for (const path of [keysOf("nope"), keysOf("their-vault"), keysOf("my-app", other.organizationId)]) expectError(await api.get(path), 404, "not_found");
  for (const path of [verificationOf("nope"), verificationOf("their-vault"), verificationOf("their-vault", other.organizationId)]) {
    expectError(await api.post(path, KEY), 404, "not_found");
  }
  expect((await theirs.get(keysOf("their-vault", other.organizationId))).body.data[0].configured).toBe(false);
});

test("permissions: project:read lists keys, key:rotate sets one up, scopes apply", async ({ request }) => {
  const admin = apiClient(request, org.token);
  await createProject(admin, { slug: "vault-scoped", custody: "client" });
  const reader = apiClient(request, await mint(admin, [{ permission: "project:read", scope: { project: "my-app" } }]));
  expect((await reader.get(keysOf("my-app"))).status).toBe(200);
  expectError(await reader.get(keysOf("vault-scoped")), 404, "not_found");
  const scopedReader = apiClient(request, await mint(admin, [{ permission: "project:read", scope: { project: "vault-scoped" } }]));
  expectError(await scopedReader.post(verificationOf("vault-scoped"), KEY), 403, "insufficient_permissions");
  const rotator = apiClient(request, await mint(admin, [{ permission: "key:rotate", scope: { project: "vault-scoped" } }]));
  expectError(await rotator.get(keysOf("vault-scoped")), 403, "insufficient_permissions");
  expect((await rotator.post(verificationOf("vault-scoped"), KEY)).status).toBe(201);
});

test("keys/check tells whether a key proof is the active key's, without writing anything", async ({ request }) => {
  const api = apiClient(request, org.token);
  await createProject(api, { slug: "checked", custody: "client" });
  const check = (project: string, body: unknown) => api.post(`${keysOf(project)}/check`, body);

  expectError(await check("checked", { key_proof: KEY.key_proof }), 422, "key_proof_required");
  expect((await api.post(verificationOf("checked"), KEY)).status).toBe(201);

  const right = await check("checked", { key_proof: KEY.key_proof });
  expect(right.status, right.text).toBe(200);
  expect(right.body.data).toEqual({ version: 1, valid: true });
  const wrong = await check("checked", { key_proof: "A".repeat(43) + "=" });
  expect(wrong.body.data).toEqual({ version: 1, valid: false });

  expectError(await check("checked", { key_proof: "short" }), 422, "validation_failed");
  expectError(await check("my-app", { key_proof: KEY.key_proof }), 422, "validation_failed");
  expectError(await check("nope", { key_proof: KEY.key_proof }), 404, "not_found");
  const foreign = apiClient(request, other.token);
  expectError(await foreign.post(`${keysOf("checked")}/check`, { key_proof: KEY.key_proof }), 404, "not_found");
  expect((await api.get(`/${org.organizationId}/checked/secrets`)).body.data.attributes.levels.project).toEqual({});
});
