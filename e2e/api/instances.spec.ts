import { request as requests, test, expect, type APIRequestContext } from "@playwright/test";
import { apiClient, createOrganization, isPostgres, sessionClient, type ApiClient, type OrganizationFixture } from "./support";
import { mustSucceed, PRODUCTION, serverSealer } from "./secrets-support";

// Two app instances on one PostgreSQL database (playwright.config.ts starts the second one on
// E2E_PORT+2 beside the "api-postgres" server): nothing an instance keeps for itself — its cache of
// API keys, its rate-limit counts, its audit sealer — lets the other one disagree, and a session
// ended through one is ended on both. Also: under
// concurrent load, every successful read has exactly one audit event, and the chain stays intact.

const secondOrigin = `http://127.0.0.1:${Number(process.env.E2E_PORT || 3100) + 2}`;

let org: OrganizationFixture;
let first: APIRequestContext;
let second: APIRequestContext;

test.beforeAll(async ({}, testInfo) => {
  test.skip(!isPostgres(testInfo), "two instances share a PostgreSQL database");
  org = createOrganization(testInfo);
  first = await requests.newContext({ baseURL: org.baseURL });
  second = await requests.newContext({ baseURL: secondOrigin });
});

test.afterAll(async () => {
  await first?.dispose();
  await second?.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new API key of the organization: its public id and its value. */
async function mint(api: ApiClient, permissions: unknown[]): Promise<{ id: string; token: string }> {
  const response = await mustSucceed(api.post(`/${org.organizationId}/tokens`, { name: `instances ${Date.now()}`, permissions, expires: "30d" }), "minting a key");
  return { id: response.body.data.id as string, token: response.body.data.token as string };
}

test("a key revoked through one instance is refused by the other within a second, though it had cached it", async () => {
  const owner = apiClient(first, org.token);
  const { id, token } = await mint(owner, [{ permission: "organization:read" }]);
  const onSecond = apiClient(second, token);
  // Used on the second instance, so it holds the key in its cache.
  for (let i = 0; i < 3; i++) expect((await onSecond.get(`/${org.organizationId}`)).status).toBe(200);

  expect((await owner.delete(`/${org.organizationId}/tokens/${id}`)).status).toBe(204);

  await sleep(1_000);
  const refused = await onSecond.get(`/${org.organizationId}`);
  expect(refused.status).toBe(401);
  expect(refused.body.error).toBe("invalid_token");
});

test("a session signed out through one instance is refused by the other within a second", async () => {
  const { context } = await sessionClient(org.baseURL, org.owner);
  try {
    // The session's cookie, sent as it is to the second instance, before and after the sign-out.
    const sessionCookie = (await context.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    const onSecond = async () => (await second.get(`/api/v1/${org.organizationId}`, { headers: { "Sec-Fetch-Site": "same-origin", Cookie: sessionCookie } })).status();
    expect(await onSecond()).toBe(200);

    const csrf = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signedOut = await context.post("/api/auth/signout", { form: { csrfToken: csrf.csrfToken, json: "true" }, maxRedirects: 0 });
    expect(signedOut.status()).toBeLessThan(400);

    await sleep(1_000);
    expect(await onSecond()).toBe(401);
  } finally {
    await context.dispose();
  }
});

test("one key's rate limit holds across both instances, within what one flush interval lets through", async () => {
  test.setTimeout(120_000);
  const owner = apiClient(first, org.token);
  const { token } = await mint(owner, [{ permission: "organization:read" }]);
  // An invalid query string is refused after the rate limit is counted, without any other work.
  const cheap = `/api/v1/${org.organizationId}/tokens?limit=not-a-number`;
  const send = (context: APIRequestContext) => context.get(cheap, { headers: { Authorization: `Bearer ${token}` } }).then((response) => response.status());
  let admitted = 0;
  let lastBatch: number[] = [];
  for (let sent = 0; sent < 900; sent += 40) {
    lastBatch = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i % 2 === 0 ? first : second)));
    expect(lastBatch.every((status) => status === 400 || status === 429)).toBe(true);
    admitted += lastBatch.filter((status) => status === 400).length;
  }
  // The limit is 600 a minute (playwright.config.ts). Each instance learns the other's count at
  // its next flush (every 200 ms), so a little more than 600 may pass, never twice as many.
  expect(admitted).toBeGreaterThanOrEqual(600);
  expect(admitted).toBeLessThanOrEqual(700);
  expect(lastBatch.every((status) => status === 429)).toBe(true);
});

test("under concurrent reads and writes through both instances, each successful read has exactly one event and the chain is intact", async () => {
  test.setTimeout(120_000);
  const owner = apiClient(first, org.token);
  const sealer = serverSealer(owner, org.organizationId);
  await mustSucceed(owner.post(`/${org.organizationId}/secrets/store`, { ...PRODUCTION, content: await sealer.seal({ A: "1", B: "2" }) }), "store");
  const reader = await mint(owner, [{ permission: "secret:read" }, { permission: "secret:decrypt" }]);
  const readers: ApiClient[] = [apiClient(first, reader.token), apiClient(second, reader.token)];
  const targetContent = await sealer.seal({ C: "3" });
  const writers: ApiClient[] = [apiClient(first, org.token), apiClient(second, org.token)];
  const path = `/${org.organizationId}/my-app/backend/production/secrets?merge=true`;

  let succeeded = 0;
  const work: Promise<void>[] = [];
  for (let i = 0; i < 120; i++) {
    work.push(readers[i % 2]!.get(i % 3 === 0 ? `${path}&decrypt=true` : path).then((response) => {
      expect([200, 503]).toContain(response.status);
      if (response.status === 200) succeeded++;
    }));
    if (i % 10 === 0) {
      work.push(writers[(i / 10) % 2]!.post(`/${org.organizationId}/secrets/store`, { project: "my-app", target: "backend", content: targetContent }).then((response) => {
        expect(response.status).toBe(200);
      }));
    }
  }
  await Promise.all(work);
  expect(succeeded).toBeGreaterThan(0);

  // The reader key's reads, counted through the audit log (which seals first).
  const actors = (await owner.get(`/${org.organizationId}/audit/actors`)).body.data as { id: string | null; label: string }[];
  const actor = actors.find((row) => row.label.includes(reader.id))!;
  let events = 0;
  let cursor: string | null = null;
  do {
    const page: { body: { data: { action: string; outcome: string }[]; meta: { next_cursor: string | null } } } = await owner.get(
      `/${org.organizationId}/audit?actor=${actor.id}&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    events += page.body.data.filter((event) => ["secret.read", "secret.decrypt"].includes(event.action) && event.outcome === "success").length;
    cursor = page.body.meta.next_cursor;
  } while (cursor);
  expect(events).toBe(succeeded);

  for (const client of [first, second]) {
    const verdict = (await apiClient(client, org.token).get(`/${org.organizationId}/audit/verify`)).body.data;
    expect(verdict).toMatchObject({ intact: true, first_broken: null });
  }
});
