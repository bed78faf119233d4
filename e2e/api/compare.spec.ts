import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiClient, createOrganization, type ApiClient, type OrganizationFixture } from "./support";
import { clientKey, createToken, mustSucceed, serverSealer, uniqueSlug } from "./secrets-support";

// GET /api/v1/{organization}/{project}/compare (docs/api.md#compare): names × environments with
// presence, source level and equality groups — never a value — on both databases.

let org: OrganizationFixture;
let api: ApiClient;
let request: APIRequestContext;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
});
test.beforeEach(async ({ request: context }) => {
  request = context;
  api = apiClient(request, org.token);
});

/** A server-managed project: web/{staging,production}, backend/production, with values at each level. */
async function driftingProject(): Promise<string> {
  const o = org.organizationId;
  const project = uniqueSlug("drift");
  await mustSucceed(api.post(`/${o}/projects`, { slug: project, custody: "server" }), "project");
  for (const [target, environments] of [["web", ["staging", "production"]], ["backend", ["production"]]] as const) {
    await mustSucceed(api.post(`/${o}/projects/${project}/targets`, { slug: target }), "target");
    for (const environment of environments) await mustSucceed(api.post(`/${o}/projects/${project}/targets/${target}/environments`, { slug: environment }), "environment");
  }
  const { seal } = serverSealer(api, o, project);
  const store = async (level: Record<string, string>, values: Record<string, string>) =>
    mustSucceed(api.post(`/${o}/secrets/store`, { project, ...level, content: await seal(values) }), "store");
  await store({}, { SHARED: "same everywhere", LOG_LEVEL: "info" });
  await store({ target: "web" }, { PUBLIC_URL: "https://web.example" });
  await store({ target: "web", environment: "staging" }, { LOG_LEVEL: "debug", API_KEY: "sk_staging_1234", NEW_FLAG: "on" });
  await store({ target: "web", environment: "production" }, { API_KEY: "sk_production_5678", LOG_LEVEL: "info" });
  await store({ target: "backend", environment: "production" }, { API_KEY: "sk_staging_1234" });
  return project;
}

test("names × environments: sources, what is missing, equal values grouped — and no value anywhere", async () => {
  const project = await driftingProject();
  const response = await api.get(`/${org.organizationId}/${project}/compare`);
  expect(response.status).toBe(200);
  const data = response.body.data;
  expect(data).toMatchObject({ type: "comparison", project, custody: "server", equality: "server" });
  expect(data.environments.map((environment: { path: string }) => environment.path)).toEqual(["web/staging", "web/production", "backend/production"]);
  const row = (name: string) => data.names.find((candidate: { name: string }) => candidate.name === name);
  expect(data.names.map((candidate: { name: string }) => candidate.name)).toEqual(["API_KEY", "LOG_LEVEL", "NEW_FLAG", "PUBLIC_URL", "SHARED"]);

  // staging and backend/production hold the same API key; web/production another one.
  expect(row("API_KEY").cells.map((cell: { group: number }) => cell.group)).toEqual([1, 2, 1]);
  expect(row("API_KEY")).toMatchObject({ missing_in: [], same: false });
  // LOG_LEVEL: set here in both web environments (one equal to the project's), inherited in backend.
  expect(row("LOG_LEVEL").cells).toEqual([
    { present: true, source: "environment", group: 1 },
    { present: true, source: "environment", group: 2 },
    { present: true, source: "project", group: 2 },
  ]);
  expect(row("NEW_FLAG")).toMatchObject({ missing_in: ["web/production", "backend/production"], same: false });
  expect(row("NEW_FLAG").cells[1]).toEqual({ present: false, source: null, group: null });
  expect(row("PUBLIC_URL")).toMatchObject({ missing_in: ["backend/production"] });
  expect(row("SHARED")).toMatchObject({ missing_in: [], same: true });
  for (const value of ["same everywhere", "sk_staging_1234", "sk_production_5678", "https://web.example", "debug"]) expect(response.text).not.toContain(value);

  // Only some environments, in the order asked; the read is audited without values.
  const two = await api.get(`/${org.organizationId}/${project}/compare?environments=backend/production,web/staging`);
  expect(two.body.data.environments.map((environment: { path: string }) => environment.path)).toEqual(["backend/production", "web/staging"]);
  expect(two.body.data.names.find((candidate: { name: string }) => candidate.name === "API_KEY")).toMatchObject({ same: true });
  const audit = await api.get(`/${org.organizationId}/audit?action=secret.compare&limit=1`);
  expect(audit.body.data[0].metadata).toMatchObject({ project, environments: ["backend/production", "web/staging"] });
  expect(audit.text).not.toContain("sk_staging_1234");
});

test("scopes: a key sees only the environments it may read; another is not found for it; bad input is a 4xx", async () => {
  const project = await driftingProject();
  const o = org.organizationId;
  const scoped = apiClient(request, await createToken(api, o, [{ permission: "secret:read", scope: { project, target: "web", environment: "staging" } }]));
  const mine = await scoped.get(`/${o}/${project}/compare`);
  expect(mine.status).toBe(200);
  expect(mine.body.data.environments.map((environment: { path: string }) => environment.path)).toEqual(["web/staging"]);
  // Outside its scope an environment is invisible to the key: 404, as for every read (docs/permissions.md).
  expect((await scoped.get(`/${o}/${project}/compare?environments=web/staging,web/production`)).status).toBe(404);
  expect((await api.get(`/${o}/${project}/compare?environments=web/nowhere`)).status).toBe(404);
  expect((await api.get(`/${o}/${project}/compare?environments=production`)).status).toBe(400);
  expect((await api.get(`/${o}/no-such-project/compare`)).status).toBe(404);
  const outsider = apiClient(request, await createToken(api, o, [{ permission: "organization:read" }]));
  expect((await outsider.get(`/${o}/${project}/compare`)).status).toBe(404);
});

test("client-managed: presence and sources only — the server cannot tell which values are equal", async () => {
  const o = org.organizationId;
  const key = await clientKey();
  const project = uniqueSlug("zk");
  await mustSucceed(api.post(`/${o}/projects`, { slug: project, custody: "client", key: key.setup }), "project");
  await mustSucceed(api.post(`/${o}/projects/${project}/targets`, { slug: "app" }), "target");
  for (const environment of ["staging", "production"]) await mustSucceed(api.post(`/${o}/projects/${project}/targets/app/environments`, { slug: environment }), "environment");
  await mustSucceed(api.post(`/${o}/secrets/store`, { project, target: "app", environment: "staging", content: await key.seal({ TOKEN: "a", ONLY_HERE: "b" }), key_proof: key.keyProof }), "store");
  await mustSucceed(api.post(`/${o}/secrets/store`, { project, target: "app", environment: "production", content: await key.seal({ TOKEN: "a" }), key_proof: key.keyProof }), "store");
  const data = (await api.get(`/${o}/${project}/compare`)).body.data;
  expect(data).toMatchObject({ custody: "client", equality: "client" });
  expect(data.names).toEqual([
    { name: "ONLY_HERE", cells: [{ present: true, source: "environment", group: null }, { present: false, source: null, group: null }], missing_in: ["app/production"], same: null },
    { name: "TOKEN", cells: [{ present: true, source: "environment", group: null }, { present: true, source: "environment", group: null }], missing_in: [], same: null },
  ]);
});
