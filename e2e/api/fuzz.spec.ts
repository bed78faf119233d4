import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { PERMISSIONS } from "../../lib/authz";
import { apiClient, createOrganization, type OrganizationFixture } from "./support";

const ALL_PERMISSIONS = PERMISSIONS.filter((permission) => permission !== "organization:read");

// Hostile input in every place of every endpoint, straight from the OpenAPI document (a new endpoint
// is covered the day it is added): each path parameter, each query parameter and each body field
// gets text PostgreSQL cannot store (NUL, lone surrogates), then a generated corpus (fast-check,
// fixed seed) of such text mixed with odd types. Every answer is a JSON 4xx — never a 5xx — and
// nothing in the organization changes. Unknown methods are 405, not Next.js's plain-text error.

interface Operation {
  method: string;
  path: string;
  query: string[];
  bodyFields: string[];
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { "application/json": { schema: { properties?: Record<string, unknown> } } } };
}

const NUL = "a\u0000b";
const LONE_HIGH = "a\ud800b";
const LONE_LOW = "\udc00";
const HOSTILE_TEXT = [NUL, LONE_HIGH, LONE_LOW];
// Paths and query strings arrive percent-encoded: a NUL, the UTF-8 bytes of a lone surrogate and an
// overlong NUL (both invalid UTF-8). A lone surrogate itself cannot be put in a URL.
const HOSTILE_SEGMENTS = ["a%00b", "%ED%A0%80", "%C0%80"];

let org: OrganizationFixture;
// Thousands of requests: spread over several allow-all keys so the per-key rate limit (600 a minute
// in the test servers) never answers in place of validation — a 429 here fails the test.
let keys: string[];
let next = 0;
const key = () => keys[next++ % keys.length]!;

test.beforeAll(async ({ request }, testInfo) => {
  org = createOrganization(testInfo);
  const api = apiClient(request, org.token);
  keys = await Promise.all(
    Array.from({ length: 10 }, async (_, index) => {
      const created = await api.post(`/${org.organizationId}/tokens`, { name: `fuzz ${index}`, expires: "30d", permissions: [{ permission: "organization:read" }, ...ALL_PERMISSIONS.map((permission) => ({ permission }))] });
      return created.body.data.token as string;
    }),
  );
});

const SAMPLE_PARAMS: Record<string, string> = { project: "my-app", target: "backend", environment: "production", team: "no-such-team", id: "key_doesnotexist00000", n: "1" };

async function operations(request: Parameters<typeof apiClient>[0]): Promise<Operation[]> {
  const document = (await apiClient(request, org.token).get("/openapi.json")).body as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      query: (operation.parameters ?? []).filter((parameter) => parameter.in === "query").map((parameter) => parameter.name),
      bodyFields: Object.keys(operation.requestBody?.content["application/json"].schema.properties ?? {}),
    })),
  );
}

function pathOf(operation: Operation, override: Record<string, string> = {}): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? (name === "organization" ? org.organizationId : SAMPLE_PARAMS[name] ?? "x"));
}

async function fingerprint(request: Parameters<typeof apiClient>[0]): Promise<string> {
  const api = apiClient(request, org.token);
  const id = org.organizationId;
  const paths = [`/${id}/my-app/backend/production/secrets`, `/${id}/projects`, `/${id}/projects/my-app/targets`, `/${id}/tokens`, `/${id}/members`, `/${id}/teams`];
  return (await Promise.all(paths.map(async (path) => (await api.get(path)).text))).join("\n").replace(/"last_used_at":(null|"[^"]*")/g, "");
}

test("NUL and lone surrogates in every path parameter, query parameter and body field: a JSON 4xx, nothing changed", async ({ request }) => {
  test.setTimeout(300_000);
  const before = await fingerprint(request);
  const failures: string[] = [];
  const send = async (what: string, method: string, path: string, body?: string) => {
    const response = await request.fetch(`/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${key()}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      data: body,
      maxRedirects: 0,
    });
    const text = await response.text();
    const json = (() => {
      try {
        return JSON.parse(text) as { error?: unknown };
      } catch {
        return null;
      }
    })();
    if (response.status() >= 500 || response.status() === 429 || (response.status() >= 400 && typeof json?.error !== "string")) {
      failures.push(`${what}: ${method} ${path} → ${response.status()} ${text.slice(0, 160)}`);
    }
  };

  for (const operation of await operations(request)) {
    const baseBody = operation.bodyFields.length ? "{}" : undefined;
    for (const name of operation.path.match(/\{(\w+)\}/g)?.map((param) => param.slice(1, -1)) ?? []) {
      for (const segment of HOSTILE_SEGMENTS) await send(`path {${name}}`, operation.method, pathOf(operation, { [name]: segment }), baseBody);
    }
    for (const name of operation.query) {
      for (const value of HOSTILE_SEGMENTS) await send(`query ${name}`, operation.method, `${pathOf(operation)}?${name}=${value}`, baseBody);
    }
    for (const field of operation.bodyFields) {
      for (const value of HOSTILE_TEXT) {
        await send(`body ${field}`, operation.method, pathOf(operation), JSON.stringify({ [field]: value }));
        await send(`body ${field} (nested)`, operation.method, pathOf(operation), JSON.stringify({ [field]: [value, { [value]: value }] }));
      }
    }
  }
  expect(failures).toEqual([]);
  expect(await fingerprint(request)).toBe(before);
});

test("a generated corpus of hostile bodies and query strings: never a 5xx", async ({ request }) => {
  test.setTimeout(300_000);
  // Only operations that take input beyond their path: hostile text there can never make a valid call
  // (a bare DELETE with good path parameters would simply delete something).
  const all = (await operations(request)).filter((operation) => operation.bodyFields.length > 0 || operation.query.length > 0);
  const before = await fingerprint(request);
  const hostileText = fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 20 })).map((parts) => parts.join(""));
  // Every generated body carries at least one unstorable string, so none of them can be valid.
  const anything = fc.oneof(hostileText, fc.integer(), fc.boolean(), fc.constant(null), fc.array(hostileText, { maxLength: 3 }), fc.dictionary(hostileText, hostileText, { maxKeys: 2 }));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...all), hostileText, fc.constantFrom(...HOSTILE_SEGMENTS), fc.array(anything, { maxLength: 4 }), async (operation, poison, encoded, values) => {
      const fields = operation.bodyFields.length ? operation.bodyFields : ["unused"];
      const body = Object.fromEntries([[fields[0]!, poison], ...values.map((value, index) => [fields[index % fields.length]!, value])].reverse());
      const query = operation.query.map((name) => `${name}=${encoded}`).join("&");
      const response = await request.fetch(`/api/v1${pathOf(operation)}${query ? `?${query}` : ""}`, {
        method: operation.method,
        headers: { Authorization: `Bearer ${key()}`, "Content-Type": "application/json" },
        data: operation.bodyFields.length ? JSON.stringify(body) : undefined,
        maxRedirects: 0,
      });
      const what = `${operation.method} ${operation.path} → ${response.status()} ${(await response.text()).slice(0, 160)}`;
      expect(response.status(), what).toBeLessThan(500);
      expect(response.status(), what).not.toBe(429);
    }),
    { numRuns: 400, seed: 20261130, endOnFailure: true },
  );
  expect(await fingerprint(request)).toBe(before);
});

test("methods no route serves (TRACE, made-up ones) are 405 JSON with Allow, never a plain-text 500", async ({ request }) => {
  for (const method of ["TRACE", "PROPFIND", "MKCOL"]) {
    const response = await request.fetch(`/api/v1/${org.organizationId}/whoami`, { method, headers: { Authorization: `Bearer ${org.token}` } });
    expect(response.status(), method).toBe(405);
    expect(response.headers()["content-type"], method).toContain("application/json");
    expect(response.headers().allow, method).toContain("GET");
    expect((await response.json()).error, method).toBe("invalid_request");
  }
});
