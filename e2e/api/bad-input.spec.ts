import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, type ApiClient, type OrganizationFixture } from "./support";

// Bad input for every endpoint that takes a body, straight from the OpenAPI document (so a new
// endpoint is covered the day it is added): malformed JSON, a non-object, wrong types, a huge body.
// Each gets a 4xx JSON error, never a 500 or HTML, and nothing changes.

let org: OrganizationFixture;
let api: ApiClient;

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
}

const SAMPLE_PARAMS: Record<string, string> = {
  project: "my-app",
  target: "backend",
  environment: "production",
  team: "no-such-team",
  id: "key_doesnotexist00000",
  n: "1",
};

const WRONG_TYPES = {
  project: 5, target: [], environment: {}, content: 5, key_proof: 7, no_backup: "yes", confirmed: "yes", tags: "x",
  expected_version: "one", slug: 5, name: { a: 1 }, custody: 5, key: "k", permissions: "all", expires: 5,
  email: 5, role: 5, members: "x", projects: 5, action: 5, filters: "x", merge: 5, raw: "x", note: 5,
};

async function fingerprint(client: ApiClient, organizationId: string): Promise<string> {
  const paths = [
    `/${organizationId}/my-app/backend/production/secrets`,
    `/${organizationId}/my-app/backend/production/secrets/versions`,
    `/${organizationId}/projects`,
    `/${organizationId}/projects/my-app/targets`,
    `/${organizationId}/tokens`,
    `/${organizationId}/members`,
    `/${organizationId}/teams`,
  ];
  const bodies = await Promise.all(paths.map(async (path) => (await client.get(path)).text));
  // last_used_at moves with every request of this very token; it is not a change.
  return bodies.join("\n").replace(/"last_used_at":"[^"]*"/g, "");
}

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
});

test("every endpoint with a body refuses bad input with a 4xx JSON error and changes nothing", async ({ request }) => {
  test.setTimeout(180_000);
  api = apiClient(request, org.token);
  const document = (await api.get("/openapi.json")).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, hasBody: !!operation.requestBody })),
  );
  const withBody = operations.filter((operation) => operation.hasBody);
  expect(withBody.length).toBeGreaterThan(10);

  const before = await fingerprint(api, org.organizationId);
  const failures: string[] = [];
  for (const operation of withBody) {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "organization" ? org.organizationId : SAMPLE_PARAMS[name] ?? "x"));
    const attempts: [string, string, number[]][] = [
      ["malformed JSON", '{"project": ', [400]],
      ["a JSON array", "[1, 2]", [400]],
      ["wrong types", JSON.stringify(WRONG_TYPES), [400, 404, 422]],
      ["a 2 MB body", JSON.stringify({ content: "A".repeat(2 * 1024 * 1024) }), [413]],
    ];
    for (const [what, raw, statuses] of attempts) {
      const response = await request.fetch(`/api/v1${path}`, {
        method: operation.method,
        headers: { Authorization: `Bearer ${org.token}`, "Content-Type": "application/json" },
        data: raw,
      });
      const text = await response.text();
      let json: { error?: unknown; message?: unknown } | null = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      const ok = statuses.includes(response.status()) && typeof json?.error === "string" && typeof json?.message === "string";
      if (!ok) failures.push(`${operation.method} ${operation.path} with ${what}: ${response.status()} ${text.slice(0, 200)}`);
    }
  }
  expect(failures).toEqual([]);
  expect(await fingerprint(api, org.organizationId)).toBe(before);
});

test("query strings: booleans other than true/false/1/0 and unknown merge modes are 400", async ({ request }) => {
  api = apiClient(request, org.token);
  const base = `/${org.organizationId}/my-app/backend/production/secrets`;
  for (const query of ["decrypt=yes", "raw=2", "merge=sometimes", "decrypt=", "merge=TRUE"]) {
    const response = await api.get(`${base}?${query}`);
    expect.soft(response.status, query).toBe(400);
    expect.soft(response.body?.error, query).toBe("invalid_request");
  }
  for (const query of ["decrypt=1", "decrypt=0", "raw=false", "merge=both"]) {
    expect.soft((await api.get(`${base}?${query}`)).status, query).toBe(200);
  }
});

test("unknown endpoints, wrong methods and malformed paths answer JSON, not HTML", async ({ request }) => {
  api = apiClient(request, org.token);
  const unknown = await api.get(`/${org.organizationId}/no/such/endpoint/here/at/all`);
  expect(unknown.status).toBe(404);
  expect(unknown.body.error).toBe("not_found");
  const wrongMethod = await api.delete(`/${org.organizationId}/whoami`);
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.allow).toBe("GET");
  const badEncoding = await request.get(`/api/v1/${org.organizationId}/%E0%A4%A/secrets`, { headers: { Authorization: `Bearer ${org.token}` } });
  expect(badEncoding.status()).toBeLessThan(500);
  expect(badEncoding.headers()["content-type"]).toContain("application/json");
  const notAnOrganization = await api.get(`/not-a-ulid/whoami`);
  expect(notAnOrganization.status).toBe(404);
});
