import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { generateApiToken } from "../../lib/services/tokens/token-format";
import { apiClient, createOrganization, sessionClient, type ApiClient, type OrganizationFixture } from "./support";

// API keys (docs/api.md#conventions, docs/api.md#management, docs/api.md#api-keys): the value is shown once, stored as a hash, and a
// key can never grant more than its creator. Expired, revoked, rotated, fake and foreign keys are
// refused on the very next request.

let org: OrganizationFixture;
let other: OrganizationFixture;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
  other = createOrganization(testInfo);
});

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

async function mint(api: ApiClient, organizationId: string, body: Record<string, unknown>) {
  const response = await api.post(`/${organizationId}/tokens`, { name: "test key", expires: "30d", ...body });
  expect(response.status, response.text).toBe(201);
  return response.body.data as { id: string; token: string; name: string; permissions: unknown[]; expires_at: string | null; created_at: string };
}

test.describe("creating and reading keys", () => {
  test("the value appears once, in the create response; reads show everything but the value or its hash", async ({ request }) => {
    const api = apiClient(request, org.token);
    const created = await mint(api, org.organizationId, {
      name: "CI pull", note: "for the pipeline", expires: "60d",
      permissions: [{ permission: "secret:read", scope: { project: "my-app", target: "backend", environment: "production" } }, { permission: "organization:read" }],
    });
    expect(created.token).toMatch(/^dtk_[0-9A-Za-z]{40}$/);
    expect(created.id).toMatch(/^key_/);
    expect(created).toMatchObject({
      name: "CI pull", note: "for the pipeline",
      permissions: [{ permission: "secret:read", scope: { project: "my-app", target: "backend", environment: "production" } }, { permission: "organization:read" }],
    });
    const days = (Date.parse(created.expires_at!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59.9);
    expect(days).toBeLessThan(60.1);

    const single = await api.get(`/${org.organizationId}/tokens/${created.id}`);
    expect(single.status).toBe(200);
    expect(single.headers["cache-control"]).toBe("no-store");
    expect(single.body.data).toMatchObject({
      id: created.id, name: "CI pull", note: "for the pipeline", status: "active", created_by: null, last_used_at: null, expires_at: created.expires_at,
      permissions: created.permissions,
    });
    const list = await api.get(`/${org.organizationId}/tokens`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((token: { id: string }) => token.id)).toContain(created.id);
    for (const text of [single.text, list.text]) {
      expect(text).not.toContain(created.token);
      expect(text).not.toContain(sha256(created.token));
      expect(text).not.toContain("dtk_");
    }

    // The new key works, and a read of it then shows when it was last used.
    const own = await apiClient(request, created.token).get(`/${org.organizationId}/whoami`);
    expect(own.status).toBe(200);
    expect((await api.get(`/${org.organizationId}/tokens/${created.id}`)).body.data.last_used_at).not.toBeNull();
  });

  test("lists are newest first and cursor-paginated", async ({ request }) => {
    const api = apiClient(request, org.token);
    const first = await mint(api, org.organizationId, { name: "page one", permissions: [{ permission: "organization:read" }] });
    const second = await mint(api, org.organizationId, { name: "page two", permissions: [{ permission: "organization:read" }] });
    const page = await api.get(`/${org.organizationId}/tokens?limit=1`);
    expect(page.body.data.map((token: { id: string }) => token.id)).toEqual([second.id]);
    expect(page.body.meta.next_cursor).toEqual(expect.any(String));
    const next = await api.get(`/${org.organizationId}/tokens?limit=1&cursor=${page.body.meta.next_cursor}`);
    expect(next.body.data.map((token: { id: string }) => token.id)).toEqual([first.id]);
    expect((await api.get(`/${org.organizationId}/tokens?limit=0`)).status).toBe(400);
    expect((await api.get(`/${org.organizationId}/tokens?include_revoked=maybe`)).status).toBe(400);
  });

  test("identical grants collapse into one; the same permission may hold several scopes", async ({ request }) => {
    const api = apiClient(request, org.token);
    const created = await mint(api, org.organizationId, {
      permissions: [
        { permission: "secret:read", scope: { project: "my-app" } },
        { permission: "secret:read", scope: { project: "my-app" } },
        { permission: "secret:read", scope: { project: "my-app", target: "backend" } },
        { permission: "organization:read" },
        { permission: "organization:read" },
      ],
    });
    expect(created.permissions).toEqual([
      { permission: "secret:read", scope: { project: "my-app" } },
      { permission: "secret:read", scope: { project: "my-app", target: "backend" } },
      { permission: "organization:read" },
    ]);
  });

  test("an unknown key id, or one of another organization, is 404", async ({ request }) => {
    const api = apiClient(request, org.token);
    const foreign = await mint(apiClient(request, other.token), other.organizationId, { permissions: [{ permission: "organization:read" }] });
    for (const id of ["key_doesnotexist00000", foreign.id]) {
      for (const response of [
        await api.get(`/${org.organizationId}/tokens/${id}`),
        await api.patch(`/${org.organizationId}/tokens/${id}`, { name: "x" }),
        await api.post(`/${org.organizationId}/tokens/${id}/rotate`),
        await api.delete(`/${org.organizationId}/tokens/${id}`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.error).toBe("not_found");
      }
    }
    expect((await api.get(`/${org.organizationId}/tokens/not-a-key-id`)).status).toBe(404);
  });
});

test.describe("validation", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["a scoped *:create permission", { permissions: [{ permission: "project:create", scope: { project: "my-app" } }] }],
    ["a scoped organization-wide permission", { permissions: [{ permission: "token:manage", scope: { project: "my-app" } }] }],
    ["a permission scoped deeper than it reaches", { permissions: [{ permission: "key:rotate", scope: { project: "my-app", target: "backend" } }] }],
    ["an unknown permission", { permissions: [{ permission: "secret:steal" }] }],
    ["an unknown project slug", { permissions: [{ permission: "secret:read", scope: { project: "no-such-project" } }] }],
    ["an unknown environment slug", { permissions: [{ permission: "secret:read", scope: { project: "my-app", target: "backend", environment: "nope" } }] }],
    ["an unknown team slug", { permissions: [{ permission: "secret:read", scope: { team: "no-such-team" } }] }],
    ["a team and a project in one scope", { permissions: [{ permission: "secret:read", scope: { team: "a", project: "my-app" } }] }],
    ["an environment without its target", { permissions: [{ permission: "secret:read", scope: { project: "my-app", environment: "production" } }] }],
    ["no permissions", { permissions: [] }],
    ["an expiry in the past", { expires: "2020-01-01T00:00:00Z" }],
    ["an expiry of right now", { expires: new Date().toISOString() }],
    ["an unknown expiry preset", { expires: "45d" }],
    ["a non-date expiry", { expires: "tomorrow" }],
    ["an empty name", { name: "" }],
    ["an unknown field", { admin: true }],
  ];
  for (const [what, override] of cases) {
    test(`creating a key with ${what} is 422 and creates nothing`, async ({ request }) => {
      const api = apiClient(request, org.token);
      const before = (await api.get(`/${org.organizationId}/tokens?limit=100`)).body.data.length;
      const response = await api.post(`/${org.organizationId}/tokens`, { name: "bad", expires: "30d", permissions: [{ permission: "secret:read" }], ...override });
      expect(response.status, response.text).toBe(422);
      expect(response.body.error).toBe("validation_failed");
      expect(response.body.message).toEqual(expect.any(String));
      expect((await api.get(`/${org.organizationId}/tokens?limit=100`)).body.data.length).toBe(before);
    });
  }

  test("expiry presets and ISO dates", async () => {
    // The Owner's own session: a person may create keys that outlive any key (see "a key never outlives …").
    const { context, api } = await sessionClient(org.baseURL, org.owner);
    const never = await mint(api, org.organizationId, { expires: "never", permissions: [{ permission: "organization:read" }] });
    expect(never.expires_at).toBeNull();
    const year = await mint(api, org.organizationId, { expires: "1y", permissions: [{ permission: "organization:read" }] });
    expect(Math.round((Date.parse(year.expires_at!) - Date.now()) / 86_400_000)).toBe(365);
    const date = await mint(api, org.organizationId, { expires: "2099-12-31", permissions: [{ permission: "organization:read" }] });
    expect(date.expires_at).toBe("2099-12-31T00:00:00.000Z");
    await context.dispose();
  });
});

test.describe("a key never grants more than its creator holds", () => {
  test("a key with token:manage + secret:read cannot mint secret:decrypt (403, naming it)", async ({ request }) => {
    const api = apiClient(request, org.token);
    const manager = await mint(api, org.organizationId, { permissions: [{ permission: "token:manage" }, { permission: "secret:read" }] });
    const asManager = apiClient(request, manager.token);
    const refused = await asManager.post(`/${org.organizationId}/tokens`, {
      name: "too much", expires: "30d", permissions: [{ permission: "secret:read" }, { permission: "secret:decrypt" }],
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe("insufficient_permissions");
    expect(refused.body.message).toContain("secret:decrypt");
    expect(refused.body.details).toEqual([expect.objectContaining({ permission: "secret:decrypt", path: "permissions.1" })]);
    // What it does hold, it may hand on, also narrowed (and expiring before it does).
    await mint(asManager, org.organizationId, { expires: inFuture(86_400_000), permissions: [{ permission: "secret:read" }] });
    await mint(asManager, org.organizationId, { expires: inFuture(86_400_000), permissions: [{ permission: "secret:read", scope: { project: "my-app", target: "backend" } }] });
  });

  test("a scoped key can hand on its scope or a narrower one, never a wider one", async ({ request }) => {
    const api = apiClient(request, org.token);
    const scoped = await mint(api, org.organizationId, {
      permissions: [{ permission: "token:manage" }, { permission: "secret:read", scope: { project: "my-app", target: "backend" } }],
    });
    const asScoped = apiClient(request, scoped.token);
    const wider = await asScoped.post(`/${org.organizationId}/tokens`, {
      name: "wider", expires: "30d", permissions: [{ permission: "secret:read", scope: { project: "my-app" } }],
    });
    expect(wider.status).toBe(403);
    expect(wider.body.error).toBe("insufficient_permissions");
    const unscoped = await asScoped.post(`/${org.organizationId}/tokens`, { name: "unscoped", expires: "30d", permissions: [{ permission: "secret:read" }] });
    expect(unscoped.status).toBe(403);
    await mint(asScoped, org.organizationId, { expires: inFuture(86_400_000), permissions: [{ permission: "secret:read", scope: { project: "my-app", target: "backend", environment: "production" } }] });
  });

  test("editing or rotating a wider key is refused to a narrower one; revoking it is not", async ({ request }) => {
    const api = apiClient(request, org.token);
    const manager = await mint(api, org.organizationId, { permissions: [{ permission: "token:manage" }, { permission: "secret:read" }] });
    const wide = await mint(api, org.organizationId, { expires: "30d", permissions: [{ permission: "secret:decrypt" }] });
    const asManager = apiClient(request, manager.token);
    const rotate = await asManager.post(`/${org.organizationId}/tokens/${wide.id}/rotate`);
    expect(rotate.status).toBe(403);
    expect(rotate.text).not.toContain("dtk_");
    expect((await asManager.patch(`/${org.organizationId}/tokens/${wide.id}`, { expires: "1y" })).status).toBe(403);
    expect((await asManager.patch(`/${org.organizationId}/tokens/${wide.id}`, { permissions: [{ permission: "secret:decrypt" }] })).status).toBe(403);
    // Renaming and shortening give nothing away.
    expect((await asManager.patch(`/${org.organizationId}/tokens/${wide.id}`, { name: "renamed", expires: inFuture(86_400_000) })).status).toBe(200);
    expect((await apiClient(request, wide.token).get(`/${org.organizationId}/whoami`)).status).toBe(200);
    expect((await asManager.delete(`/${org.organizationId}/tokens/${wide.id}`)).status).toBe(204);
    expect((await apiClient(request, wide.token).get(`/${org.organizationId}/whoami`)).status).toBe(401);
  });

  test("a key without token:manage cannot manage keys", async ({ request }) => {
    const api = apiClient(request, org.token);
    const reader = await mint(api, org.organizationId, { permissions: [{ permission: "secret:read" }, { permission: "organization:read" }] });
    const asReader = apiClient(request, reader.token);
    for (const response of [
      await asReader.get(`/${org.organizationId}/tokens`),
      await asReader.get(`/${org.organizationId}/tokens/${reader.id}`),
      await asReader.post(`/${org.organizationId}/tokens`, { name: "x", expires: "30d", permissions: [{ permission: "secret:read" }] }),
      await asReader.post(`/${org.organizationId}/tokens/${reader.id}/rotate`),
      await asReader.delete(`/${org.organizationId}/tokens/${reader.id}`),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.error).toBe("insufficient_permissions");
    }
  });
});

test.describe("a key never outlives the key that makes it", () => {
  test("a key expiring in a minute cannot create, extend or rotate into a longer-lived key (403); a person can", async ({ request }) => {
    const api = apiClient(request, org.token);
    const shortLived = await mint(api, org.organizationId, { expires: inFuture(60_000), permissions: [{ permission: "token:manage" }, { permission: "organization:read" }] });
    const asShortLived = apiClient(request, shortLived.token);
    for (const expires of ["never", "30d", inFuture(120_000)]) {
      const refused = await asShortLived.post(`/${org.organizationId}/tokens`, { name: "forever", expires, permissions: [{ permission: "organization:read" }] });
      expect(refused.status, `${expires}: ${refused.text}`).toBe(403);
      expect(refused.body.error).toBe("insufficient_permissions");
    }
    const within = await asShortLived.post(`/${org.organizationId}/tokens`, { name: "within", expires: inFuture(30_000), permissions: [{ permission: "organization:read" }] });
    expect(within.status, within.text).toBe(201);
    expect((await asShortLived.patch(`/${org.organizationId}/tokens/${within.body.data.id}`, { expires: "never" })).status).toBe(403);
    // Rotating hands out a working value for the key's whole remaining life.
    const longLived = await mint(api, org.organizationId, { expires: "30d", permissions: [{ permission: "organization:read" }] });
    expect((await asShortLived.post(`/${org.organizationId}/tokens/${longLived.id}/rotate`)).status).toBe(403);
    const names = (await api.get(`/${org.organizationId}/tokens?limit=100`)).body.data.map((token: { name: string }) => token.name);
    expect(names).not.toContain("forever");
    // A person is limited by their role only.
    const { context, api: asOwner } = await sessionClient(org.baseURL, org.owner);
    expect((await asOwner.post(`/${org.organizationId}/tokens`, { name: "owner's", expires: "never", permissions: [{ permission: "organization:read" }] })).status).toBe(201);
    await context.dispose();
  });
});

test.describe("editing keys", () => {
  test("PATCH changes name, note, permissions and expiry with the same validation as create", async ({ request }) => {
    const api = apiClient(request, org.token);
    const created = await mint(api, org.organizationId, { name: "before", note: "n", permissions: [{ permission: "secret:read" }] });
    const path = `/${org.organizationId}/tokens/${created.id}`;
    const patched = await api.patch(path, {
      name: "after", note: null, expires: inFuture(2 * 86_400_000),
      permissions: [{ permission: "secret:read", scope: { project: "my-app" } }, { permission: "project:read", scope: { project: "my-app" } }],
    });
    expect(patched.status, patched.text).toBe(200);
    expect(Math.round((Date.parse(patched.body.data.expires_at) - Date.now()) / 86_400_000)).toBe(2);
    expect(patched.body.data).toMatchObject({
      id: created.id, name: "after", note: null, status: "active",
      permissions: [{ permission: "secret:read", scope: { project: "my-app" } }, { permission: "project:read", scope: { project: "my-app" } }],
    });
    expect(patched.text).not.toContain("dtk_");
    for (const body of [
      {},
      { expires: "2001-01-01" },
      { permissions: [] },
      { permissions: [{ permission: "target:create", scope: { project: "my-app" } }] },
      { permissions: [{ permission: "secret:read", scope: { project: "ghost" } }] },
      { token: "dtk_x" },
    ]) {
      const response = await api.patch(path, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toBe("validation_failed");
    }
    expect((await api.get(path)).body.data).toMatchObject({ name: "after", expires_at: patched.body.data.expires_at });
  });
});

test.describe("authentication with keys", () => {
  test("no Authorization header is 401 unauthenticated", async ({ request }) => {
    const response = await apiClient(request, null).get(`/${org.organizationId}/tokens`);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe("unauthenticated");
  });

  test("malformed, mistyped (checksum) and made-up keys are 401 invalid_token", async ({ request }) => {
    const body = org.token.slice(4);
    const flipped = body[0] === "a" ? "b" : "a";
    const mistyped = `dtk_${flipped}${body.slice(1)}`;
    for (const token of ["nonsense", "dtk_short", mistyped, generateApiToken(), `${org.token}x`]) {
      const response = await apiClient(request, token).get(`/${org.organizationId}/whoami`);
      expect(response.status, token.slice(0, 8)).toBe(401);
      expect(response.body.error).toBe("invalid_token");
    }
    const notBearer = await request.get(`/api/v1/${org.organizationId}/whoami`, { headers: { Authorization: `Basic ${org.token}` } });
    expect(notBearer.status()).toBe(401);
  });

  test("a key of organization A on organization B's id is 404", async ({ request }) => {
    const response = await apiClient(request, org.token).get(`/${other.organizationId}/tokens`);
    expect(response.status).toBe(404);
    expect(response.body.error).toBe("not_found");
    expect((await apiClient(request, org.token).get(`/${other.organizationId}`)).status).toBe(404);
  });

  test("an expired key is 401 token_expired and shows as expired", async ({ request }) => {
    const api = apiClient(request, org.token);
    const shortLived = await mint(api, org.organizationId, { expires: inFuture(2500), permissions: [{ permission: "organization:read" }] });
    const asShortLived = apiClient(request, shortLived.token);
    expect((await asShortLived.get(`/${org.organizationId}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(shortLived.expires_at!) - Date.now()) + 300));
    const expired = await asShortLived.get(`/${org.organizationId}`);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe("token_expired");
    expect((await api.get(`/${org.organizationId}/tokens/${shortLived.id}`)).body.data.status).toBe("expired");
  });

  test("a revoked key is 401 invalid_token at once; its record stays, shown as revoked", async ({ request }) => {
    const api = apiClient(request, org.token);
    const doomed = await mint(api, org.organizationId, { name: "doomed", permissions: [{ permission: "organization:read" }] });
    const asDoomed = apiClient(request, doomed.token);
    expect((await asDoomed.get(`/${org.organizationId}`)).status).toBe(200);
    const deleted = await api.delete(`/${org.organizationId}/tokens/${doomed.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    const refused = await asDoomed.get(`/${org.organizationId}`);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe("invalid_token");

    const shown = await api.get(`/${org.organizationId}/tokens/${doomed.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.data).toMatchObject({ id: doomed.id, status: "revoked", revoked_at: expect.any(String) });
    const ids = async (query: string) => (await api.get(`/${org.organizationId}/tokens?limit=100${query}`)).body.data.map((token: { id: string }) => token.id);
    expect(await ids("")).not.toContain(doomed.id);
    expect(await ids("&include_revoked=true")).toContain(doomed.id);
    // Gone for good: it cannot be revoked twice, edited or brought back by a rotation.
    expect((await api.delete(`/${org.organizationId}/tokens/${doomed.id}`)).status).toBe(404);
    expect((await api.patch(`/${org.organizationId}/tokens/${doomed.id}`, { expires: "never" })).status).toBe(404);
    expect((await api.post(`/${org.organizationId}/tokens/${doomed.id}/rotate`)).status).toBe(404);
  });

  test("rotation: the new value works, the old one is 401 at once", async ({ request }) => {
    const api = apiClient(request, org.token);
    const original = await mint(api, org.organizationId, { name: "rotating", permissions: [{ permission: "organization:read" }] });
    const rotated = await api.post(`/${org.organizationId}/tokens/${original.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.headers["cache-control"]).toBe("no-store");
    expect(rotated.body.data).toMatchObject({ id: original.id, name: "rotating", permissions: original.permissions, expires_at: original.expires_at, created_at: original.created_at });
    const fresh = rotated.body.data.token as string;
    expect(fresh).toMatch(/^dtk_[0-9A-Za-z]{40}$/);
    expect(fresh).not.toBe(original.token);

    const old = await apiClient(request, original.token).get(`/${org.organizationId}`);
    expect(old.status).toBe(401);
    expect(old.body.error).toBe("invalid_token");
    expect((await apiClient(request, fresh).get(`/${org.organizationId}`)).status).toBe(200);
    const shown = await api.get(`/${org.organizationId}/tokens/${original.id}`);
    expect(shown.body.data.rotated_at).toEqual(expect.any(String));
    expect(shown.text).not.toContain(fresh);
  });

  test("a key may rotate itself", async ({ request }) => {
    const api = apiClient(request, org.token);
    const self = await mint(api, org.organizationId, { permissions: [{ permission: "token:manage" }, { permission: "organization:read" }] });
    const rotated = await apiClient(request, self.token).post(`/${org.organizationId}/tokens/${self.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect((await apiClient(request, self.token).get(`/${org.organizationId}`)).status).toBe(401);
    expect((await apiClient(request, rotated.body.data.token).get(`/${org.organizationId}`)).status).toBe(200);
  });

  test("more than 600 requests a minute with one key are 429 rate_limited with Retry-After", async ({ request }) => {
    test.setTimeout(120_000);
    const api = apiClient(request, org.token);
    const busy = await mint(api, org.organizationId, { name: "busy", permissions: [{ permission: "organization:read" }] });
    // An invalid query string is refused after the rate limit is counted, without any other work.
    const cheap = `/api/v1/${org.organizationId}/tokens?limit=not-a-number`;
    let limited: { status: number; retryAfter: string | undefined; body: string } | undefined;
    for (let sent = 0; sent < 700 && !limited; sent += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const response = await request.get(cheap, { headers: { Authorization: `Bearer ${busy.token}` } });
          return { status: response.status(), retryAfter: response.headers()["retry-after"], body: await response.text() };
        }),
      );
      expect(batch.every((response) => response.status === 400 || response.status === 429)).toBe(true);
      limited = batch.find((response) => response.status === 429);
      if (limited) expect(sent + 50).toBeGreaterThan(600);
    }
    expect(limited).toBeDefined();
    expect(JSON.parse(limited!.body).error).toBe("rate_limited");
    expect(Number(limited!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(limited!.retryAfter)).toBeLessThanOrEqual(60);
    // Another key is not affected.
    expect((await api.get(`/${org.organizationId}`)).status).toBe(200);
  });
});

test("GET /whoami answers for the key's own organization, so a key alone is enough to start", async ({ request }) => {
  const mine = await apiClient(request, org.token).get("/whoami");
  expect(mine.status, mine.text).toBe(200);
  expect(mine.body.data).toMatchObject({ type: "token", organization_id: org.organizationId });
  expect((await apiClient(request, other.token).get("/whoami")).body.data.organization_id).toBe(other.organizationId);
  expect((await apiClient(request, null).get("/whoami")).status).toBe(401);
});
