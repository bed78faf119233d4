import { expect, test, type APIRequestContext, type TestInfo } from "@playwright/test";
import { deriveProjectKey, importDataKey, sealBlob } from "../../lib/crypto";
import { PERMISSIONS, READ_ONLY_PRESET, ROLE_MATRIX, isScopeable, permissionArea, type Permission } from "../../lib/authz";
import { COLUMNS, expected, MATRIX, type Column } from "./authz-matrix.table";
import { apiClient, createOrganization, joinOrganization, VECTOR_KEY, type ApiClient, type OrganizationFixture } from "./support";

// Every endpoint × every kind of caller against a table of expected outcomes, over real HTTP.
// The table is written out by hand (it is the specification, not a re-computation of authorize());
// an endpoint of the OpenAPI document without a row — or a row without an endpoint — fails the test.
//
// The table (e2e/api/authz-matrix.table.ts) is also checked, without a server, against every
// endpoint's access plan (lib/api/access-plans.test.ts): table, plans and HTTP must all agree.

// ------------------------------------------------------------------------------------------------
// Fixtures: one organization (with my-app → backend → production from the seed), project "other",
// team "matrix-team", and throwaway resources for the requests that delete or rotate something.

interface Fixture {
  org: OrganizationFixture;
  owner: ApiClient;
  request: APIRequestContext;
  unique: (prefix: string) => string;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;

async function must(promise: Promise<{ status: number; text: string; body: any }>, what: string) {
  const response = await promise;
  if (response.status >= 300) throw new Error(`fixture ${what} failed: ${response.status} ${response.text.slice(0, 300)}`);
  return response.body;
}

let dataKey: Promise<CryptoKey> | undefined;
async function sealedContent(f: Fixture, values: Record<string, string>): Promise<string> {
  dataKey ??= must(f.owner.post(`/${f.org.organizationId}/secrets/retrieve`, { project: "my-app", action: "key:retrieve" }), "key:retrieve").then((key) =>
    importDataKey(key.data.data_key),
  );
  return sealBlob(await dataKey, values);
}

/** Adds two versions to a level and returns the older one's number (safe to delete or restore). */
async function freshOldVersion(f: Fixture, level: { target?: string; environment?: string }): Promise<number> {
  const store = async () =>
    must(f.owner.post(`/${f.org.organizationId}/secrets/store`, { project: "my-app", ...level, content: await sealedContent(f, { MATRIX: f.unique("v") }) }), "store");
  await store();
  const latest = await store();
  return latest.data.version - 1;
}

const LEVELS = {
  "": {},
  "/{target}": { target: "backend" },
  "/{target}/{environment}": { target: "backend", environment: "production" },
} as const;

type Sample = (f: Fixture) => Promise<{ path: string; body?: unknown }>;

function samples(): Record<string, Sample> {
  const o = (f: Fixture) => f.org.organizationId;
  const table: Record<string, Sample> = {
    "GET /openapi.json": async () => ({ path: "/openapi.json" }),
    "GET /{organization}": async (f) => ({ path: `/${o(f)}` }),
    "PATCH /{organization}": async (f) => ({ path: `/${o(f)}`, body: { name: "Matrix" } }),
    "DELETE /{organization}": async (f) => ({ path: `/${o(f)}?dry_run=true` }),
    "GET /{organization}/whoami": async (f) => ({ path: `/${o(f)}/whoami` }),
    "GET /whoami": async () => ({ path: "/whoami" }),
    "POST /{organization}/secrets/retrieve": async (f) => ({ path: `/${o(f)}/secrets/retrieve`, body: { project: "my-app", target: "backend", environment: "production", action: "read" } }),
    "POST /{organization}/secrets/store": async (f) => ({
      path: `/${o(f)}/secrets/store`,
      body: { project: "my-app", target: "backend", environment: "production", content: await sealedContent(f, { LOG_LEVEL: "warn", API_KEY: "sk_demo_4f9a2c7e1b", DEBUG: "false" }) },
    }),
    "POST /{organization}/secrets/delete": async (f) => {
      const environment = f.unique("tmp");
      await must(f.owner.post(`/${o(f)}/projects/my-app/targets/backend/environments`, { slug: environment }), "environment");
      return { path: `/${o(f)}/secrets/delete`, body: { project: "my-app", target: "backend", environment } };
    },
    "GET /{organization}/{project}/keys": async (f) => ({ path: `/${o(f)}/my-app/keys` }),
    "POST /{organization}/{project}/keys/verification": async (f) => {
      const slug = f.unique("client");
      await must(f.owner.post(`/${o(f)}/projects`, { slug, name: slug, custody: "client" }), "client project");
      return { path: `/${o(f)}/${slug}/keys/verification`, body: { salt: "8OHSw7Sllod4aVpLPC0eDw==", iterations: 600000, key_proof: "9A6t5I4D9bbE4Gg6oATgPJnhUhxkjqerSCnsxGTR26w=" } };
    },
    "POST /{organization}/{project}/keys/check": async (f) => {
      const slug = f.unique("checked");
      await must(f.owner.post(`/${o(f)}/projects`, { slug, name: slug, custody: "client", key: VECTOR_KEY }), "client project with a key");
      return { path: `/${o(f)}/${slug}/keys/check`, body: { key_proof: VECTOR_KEY.key_proof } };
    },
    "POST /{organization}/{project}/keys/rotate": async (f) => ({ path: `/${o(f)}/${await throwawayServerProject(f)}/keys/rotate`, body: {} }),
    "POST /{organization}/{project}/keys/custody": async (f) => {
      const slug = await throwawayServerProject(f);
      // The key material from key:retrieve (the owner holds key:rotate), proven the way a client proves it.
      const key = await must(f.owner.post(`/${o(f)}/secrets/retrieve`, { project: slug, action: "key:retrieve" }), "key:retrieve");
      const { keyProof } = await deriveProjectKey(key.data.passphrase, key.data.salt, key.data.iterations);
      return { path: `/${o(f)}/${slug}/keys/custody`, body: { custody: "client", key_proof: keyProof } };
    },
    "POST /{organization}/{project}/keys/reencrypt-history": async (f) => ({ path: `/${o(f)}/${await throwawayServerProject(f)}/keys/reencrypt-history`, body: {} }),
    "PATCH /{organization}/{project}/keys": async (f) => ({ path: `/${o(f)}/my-app/keys`, body: { rotation_days: 90 } }),
    "GET /{organization}/invitations": async (f) => ({ path: `/${o(f)}/invitations` }),
    "POST /{organization}/invitations/{id}/resend": async (f) => ({ path: `/${o(f)}/invitations/${await throwawayInvitation(f)}/resend` }),
    "DELETE /{organization}/invitations/{id}": async (f) => ({ path: `/${o(f)}/invitations/${await throwawayInvitation(f)}` }),
    "GET /{organization}/projects": async (f) => ({ path: `/${o(f)}/projects` }),
    "POST /{organization}/projects": async (f) => ({ path: `/${o(f)}/projects`, body: { slug: f.unique("p"), name: "Matrix", custody: "server" } }),
    "GET /{organization}/projects/{project}": async (f) => ({ path: `/${o(f)}/projects/my-app` }),
    "PATCH /{organization}/projects/{project}": async (f) => ({ path: `/${o(f)}/projects/my-app`, body: { name: "My App" } }),
    "DELETE /{organization}/projects/{project}": async (f) => {
      const slug = f.unique("doomed");
      await must(f.owner.post(`/${o(f)}/projects`, { slug, name: slug, custody: "server" }), "project");
      return { path: `/${o(f)}/projects/${slug}` };
    },
    "GET /{organization}/projects/{project}/targets": async (f) => ({ path: `/${o(f)}/projects/my-app/targets` }),
    "POST /{organization}/projects/{project}/targets": async (f) => ({ path: `/${o(f)}/projects/my-app/targets`, body: { slug: f.unique("t") } }),
    "GET /{organization}/projects/{project}/targets/{target}": async (f) => ({ path: `/${o(f)}/projects/my-app/targets/backend` }),
    "PATCH /{organization}/projects/{project}/targets/{target}": async (f) => ({ path: `/${o(f)}/projects/my-app/targets/backend`, body: { name: "Backend" } }),
    "DELETE /{organization}/projects/{project}/targets/{target}": async (f) => {
      const slug = f.unique("t");
      await must(f.owner.post(`/${o(f)}/projects/my-app/targets`, { slug }), "target");
      return { path: `/${o(f)}/projects/my-app/targets/${slug}` };
    },
    "GET /{organization}/projects/{project}/targets/{target}/environments": async (f) => ({ path: `/${o(f)}/projects/my-app/targets/backend/environments` }),
    "POST /{organization}/projects/{project}/targets/{target}/environments": async (f) => ({ path: `/${o(f)}/projects/my-app/targets/backend/environments`, body: { slug: f.unique("e") } }),
    "GET /{organization}/projects/{project}/targets/{target}/environments/{environment}": async (f) => ({ path: `/${o(f)}/projects/my-app/targets/backend/environments/production` }),
    "PATCH /{organization}/projects/{project}/targets/{target}/environments/{environment}": async (f) => ({
      path: `/${o(f)}/projects/my-app/targets/backend/environments/production`, body: { name: "Production" },
    }),
    "DELETE /{organization}/projects/{project}/targets/{target}/environments/{environment}": async (f) => {
      const slug = f.unique("e");
      await must(f.owner.post(`/${o(f)}/projects/my-app/targets/backend/environments`, { slug }), "environment");
      return { path: `/${o(f)}/projects/my-app/targets/backend/environments/${slug}` };
    },
    "GET /{organization}/tokens": async (f) => ({ path: `/${o(f)}/tokens` }),
    "POST /{organization}/tokens": async (f) => ({ path: `/${o(f)}/tokens`, body: { name: "matrix", permissions: [{ permission: "organization:read" }], expires: inTwentyDays() } }),
    "GET /{organization}/tokens/{id}": async (f) => ({ path: `/${o(f)}/tokens/${await throwawayToken(f)}` }),
    "PATCH /{organization}/tokens/{id}": async (f) => ({ path: `/${o(f)}/tokens/${await throwawayToken(f)}`, body: { name: "renamed" } }),
    "DELETE /{organization}/tokens/{id}": async (f) => ({ path: `/${o(f)}/tokens/${await throwawayToken(f)}` }),
    "POST /{organization}/tokens/{id}/rotate": async (f) => ({ path: `/${o(f)}/tokens/${await throwawayToken(f)}/rotate`, body: {} }),
    "GET /{organization}/members": async (f) => ({ path: `/${o(f)}/members` }),
    "POST /{organization}/members": async (f) => ({ path: `/${o(f)}/members`, body: { email: `${f.unique("invitee")}@example.test`, role: "member" } }),
    "PATCH /{organization}/members/{id}": async (f) => ({ path: `/${o(f)}/members/${await throwawayMember(f)}`, body: { role: "developer" } }),
    "DELETE /{organization}/members/{id}": async (f) => ({ path: `/${o(f)}/members/${await throwawayMember(f)}` }),
    "GET /{organization}/teams": async (f) => ({ path: `/${o(f)}/teams` }),
    "POST /{organization}/teams": async (f) => ({ path: `/${o(f)}/teams`, body: { slug: f.unique("team") } }),
    "GET /{organization}/teams/{team}": async (f) => ({ path: `/${o(f)}/teams/matrix-team` }),
    "PATCH /{organization}/teams/{team}": async (f) => ({ path: `/${o(f)}/teams/matrix-team`, body: { name: "Matrix team" } }),
    "DELETE /{organization}/teams/{team}": async (f) => {
      const slug = f.unique("team");
      await must(f.owner.post(`/${o(f)}/teams`, { slug }), "team");
      return { path: `/${o(f)}/teams/${slug}` };
    },
    "GET /{organization}/audit": async (f) => ({ path: `/${o(f)}/audit?limit=5` }),
    "GET /{organization}/security-policy": async (f) => ({ path: `/${o(f)}/security-policy` }),
    // Enforcement stays off: the matrix's other callers are keys, but the sessions of e2e/api/two-factor-callers.spec.ts are not.
    "PATCH /{organization}/security-policy": async (f) => ({ path: `/${o(f)}/security-policy`, body: { enforce_two_factor: false, grace_period_days: 7 } }),
    "GET /{organization}/audit/export": async (f) => ({ path: `/${o(f)}/audit/export?format=jsonl&action=organization.*` }),
    "GET /{organization}/audit/actors": async (f) => ({ path: `/${o(f)}/audit/actors` }),
    "GET /{organization}/audit/verify": async (f) => ({ path: `/${o(f)}/audit/verify` }),
    "GET /{organization}/{project}/compare": async (f) => ({ path: `/${o(f)}/my-app/compare` }),
  };
  for (const [suffix, level] of Object.entries(LEVELS)) {
    const slugs = `my-app${"target" in level ? `/${level.target}` : ""}${"environment" in level ? `/${level.environment}` : ""}`;
    const base = `{project}${suffix}`;
    table[`GET /{organization}/${base}/secrets`] = async (f) => ({ path: `/${o(f)}/${slugs}/secrets` });
    table[`GET /{organization}/${base}/secrets/versions`] = async (f) => ({ path: `/${o(f)}/${slugs}/secrets/versions` });
    table[`GET /{organization}/${base}/secrets/versions/{n}`] = async (f) => ({ path: `/${o(f)}/${slugs}/secrets/versions/1` });
    table[`POST /{organization}/${base}/secrets/versions/{n}/restore`] = async (f) => ({ path: `/${o(f)}/${slugs}/secrets/versions/1/restore`, body: {} });
    table[`DELETE /{organization}/${base}/secrets/versions/{n}`] = async (f) => ({ path: `/${o(f)}/${slugs}/secrets/versions/${await freshOldVersion(f, level)}` });
    table[`POST /{organization}/${base}/secrets/versions/purge`] = async (f) => {
      await freshOldVersion(f, level);
      return { path: `/${o(f)}/${slugs}/secrets/versions/purge`, body: { confirmed: true } };
    };
  }
  return table;
}

async function throwawayServerProject(f: Fixture): Promise<string> {
  const slug = f.unique("keys");
  await must(f.owner.post(`/${f.org.organizationId}/projects`, { slug, name: slug, custody: "server" }), "server project");
  return slug;
}

// Twenty days: shorter than the callers' 30-day keys (a key can never make one that outlives it),
// and beyond the 7-day expiry reminders, whose emails would crowd the invitations out of the outbox.
const inTwentyDays = () => new Date(Date.now() + 20 * 86_400_000).toISOString();

async function throwawayToken(f: Fixture): Promise<string> {
  const created = await must(f.owner.post(`/${f.org.organizationId}/tokens`, { name: "throwaway", permissions: [{ permission: "organization:read" }], expires: inTwentyDays() }), "token");
  return created.data.id;
}

async function throwawayInvitation(f: Fixture): Promise<string> {
  const email = `${f.unique("invited")}@example.test`;
  await must(f.owner.post(`/${f.org.organizationId}/members`, { email, role: "member" }), "invitation");
  const list = await must(f.owner.get(`/${f.org.organizationId}/invitations`), "invitations");
  return list.data.find((invitation: { email: string }) => invitation.email === email).id;
}

async function throwawayMember(f: Fixture): Promise<string> {
  const account = { name: "Matrix member", email: `${f.unique("member")}@example.test`, password: "a long password for tests" };
  const signup = await f.request.post("/api/auth/signup", { data: account });
  if (signup.status() !== 201) throw new Error(`signup failed: ${signup.status()}`);
  return (await joinOrganization(f.org, account, "member")).id;
}

// ------------------------------------------------------------------------------------------------
// The callers.

function grants(permissions: readonly Permission[], scope?: Record<string, string>) {
  return permissions.map((permission) => (scope ? { permission, scope } : { permission }));
}

const SCOPEABLE_HIERARCHY = PERMISSIONS.filter((permission) => isScopeable(permission) && permissionArea(permission) === "hierarchy");

async function createToken(owner: ApiClient, organizationId: string, name: string, permissions: unknown[], expires = "30d"): Promise<{ id: string; token: string }> {
  const created = await must(owner.post(`/${organizationId}/tokens`, { name, permissions, expires }), `token ${name}`);
  return { id: created.data.id, token: created.data.token };
}

async function callers(f: Fixture, testInfo: TestInfo): Promise<Record<Column, string | null>> {
  const id = f.org.organizationId;
  const role = (name: keyof typeof ROLE_MATRIX) => grants(PERMISSIONS.filter((permission) => ROLE_MATRIX[name][permission]));
  const production = { project: "my-app", target: "backend", environment: "production" };
  const expiring = await createToken(f.owner, id, "expiring", grants(PERMISSIONS), new Date(Date.now() + 2_000).toISOString());
  const revoked = await createToken(f.owner, id, "revoked", grants(PERMISSIONS));
  await must(f.owner.delete(`/${id}/tokens/${revoked.id}`), "revoke");
  const tokens: Record<Column, string | null> = {
    anonymous: null,
    expired: expiring.token,
    revoked: revoked.token,
    other_org: createOrganization(testInfo, "Elsewhere").token,
    owner: f.org.token,
    admin: (await createToken(f.owner, id, "admin", role("ADMINISTRATOR"))).token,
    developer: (await createToken(f.owner, id, "developer", role("DEVELOPER"))).token,
    member: (await createToken(f.owner, id, "member", role("MEMBER"))).token,
    auditor: (await createToken(f.owner, id, "auditor", role("AUDITOR"))).token,
    billing: (await createToken(f.owner, id, "billing", role("BILLING_MANAGER"))).token,
    api_user: (await createToken(f.owner, id, "api user", role("API_USER"))).token,
    read_only: (await createToken(f.owner, id, "read only", grants(READ_ONLY_PRESET))).token,
    env_scoped: (await createToken(f.owner, id, "production reader", [
      { permission: "organization:read" },
      ...grants(["secret:read", "secret:decrypt", "environment:read"], production),
    ])).token,
    project_scoped: (await createToken(f.owner, id, "my-app", [{ permission: "organization:read" }, ...grants(SCOPEABLE_HIERARCHY, { project: "my-app" })])).token,
    other_project: (await createToken(f.owner, id, "other", [{ permission: "organization:read" }, ...grants(SCOPEABLE_HIERARCHY, { project: "other" })])).token,
  };
  // The expiring key must have lapsed before it is used.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  return tokens;
}

function outcome(status: number): string {
  if (status >= 200 && status < 300) return "A";
  if (status === 401) return "1";
  if (status === 403) return "3";
  if (status === 404) return "4";
  return `?${status}`;
}

test("every endpoint × every caller answers as the table says", async ({ request }, testInfo) => {
  test.setTimeout(600_000);
  const org = createOrganization(testInfo, "Matrix");
  const f: Fixture = { org, owner: apiClient(request, org.token), request, unique };
  const id = org.organizationId;
  await must(f.owner.post(`/${id}/projects`, { slug: "other", name: "Other", custody: "server" }), "project other");
  await must(f.owner.post(`/${id}/teams`, { slug: "matrix-team", name: "Matrix team" }), "team");

  const document = (await f.owner.get("/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
  const table = samples();
  // A new endpoint needs a row (and a sample request); a row needs an endpoint.
  expect(operations.filter((operation) => !(operation in MATRIX)), "endpoints without a row in MATRIX").toEqual([]);
  expect(Object.keys(MATRIX).filter((key) => !operations.includes(key)), "rows without an endpoint").toEqual([]);
  expect(Object.keys(MATRIX).filter((key) => !(key in table)), "rows without a sample request").toEqual([]);

  const tokens = await callers(f, testInfo);
  const mismatches: string[] = [];
  for (const key of Object.keys(MATRIX)) {
    const method = key.split(" ")[0]!;
    const row = expected(key);
    // A fresh sample for the first caller and after each one it served (a delete or rotate uses
    // its resource up); a refused request changes nothing, so the next caller may reuse it. This
    // spares most of the throwaway members, invitations, keys and versions (minutes per run).
    let sample: Awaited<ReturnType<Sample>> | undefined;
    for (const column of COLUMNS) {
      sample ??= await table[key]!(f);
      const response = await request.fetch(`/api/v1${sample.path}`, {
        method,
        headers: { ...(tokens[column] ? { Authorization: `Bearer ${tokens[column]}` } : {}), ...(sample.body !== undefined ? { "Content-Type": "application/json" } : {}) },
        data: sample.body === undefined ? undefined : JSON.stringify(sample.body),
      });
      const got = outcome(response.status());
      if (response.status() < 400) sample = undefined;
      if (got !== row[column]) mismatches.push(`${key} as ${column}: expected ${row[column]}, got ${got} ${(await response.text()).slice(0, 160)}`);
    }
  }
  expect(mismatches).toEqual([]);
});
