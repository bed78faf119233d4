import { expect, test, type APIRequestContext } from "@playwright/test";
import { strongPassword, uniqueEmail } from "../support";
import { apiClient, createOrganization, joinOrganization, type OrganizationFixture } from "./support";
import { enrolAuthenticator, nextTotp, signInSession, type SessionClient } from "./two-factor-support";

// The authorization matrix's two session callers (e2e/api/authz-matrix.spec.ts covers API keys):
// a session that has not passed its second factor, and a member whose organization's 2FA grace
// period is over. Every endpoint of the OpenAPI document is called with each; none may succeed,
// and each refusal is the right two_factor_required. Only the public OpenAPI document answers.

const SAMPLE_PARAMS: Record<string, string> = {
  project: "my-app", target: "backend", environment: "production", n: "1", id: "01ARZ3NDEKTSV4RRFFQ69G5FAV", team: "some-team",
};

async function operations(request: APIRequestContext): Promise<{ method: string; path: string; key: string }[]> {
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` })));
}

function concrete(path: string, organizationId: string): string {
  return `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "organization" ? organizationId : SAMPLE_PARAMS[name] ?? "x"))}`;
}

async function everyEndpoint(request: APIRequestContext, session: SessionClient, organizationId: string) {
  const outcomes: Record<string, string> = {};
  for (const operation of await operations(request)) {
    const response = await session.call(operation.method, concrete(operation.path, organizationId), ["GET", "DELETE"].includes(operation.method) ? undefined : {});
    outcomes[operation.key] = `${response.status} ${response.body?.error ?? ""}`.trim();
  }
  return outcomes;
}

// Seeding organizations and enrolling authenticators runs separate processes: slower than 30 s.
test.describe.configure({ timeout: 180_000 });

let org: OrganizationFixture;
const contexts: APIRequestContext[] = [];
test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo, "Two-factor callers");
});
test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.dispose()));
});

test("a pending-2FA session: 401 two_factor_required on every endpoint, until the second factor is passed", async ({ playwright, baseURL, request }, testInfo) => {
  const { secret } = enrolAuthenticator(testInfo, org.owner.email);
  const pending = await signInSession(playwright, baseURL!, org.owner);
  contexts.push(pending.context);
  expect((await pending.context.get("/api/auth/session").then((response) => response.json())) as object).toMatchObject({ two_factor: "pending" });

  const outcomes = await everyEndpoint(request, pending, org.organizationId);
  const unexpected = Object.entries(outcomes).filter(([key, outcome]) => (key === "GET /openapi.json" ? outcome !== "200" : outcome !== "401 two_factor_required"));
  expect(unexpected, "endpoints a pending session reached").toEqual([]);
  expect(Object.keys(outcomes).length).toBeGreaterThan(60);
  // Pages send it to the second-factor step; accepting an invitation is refused too.
  const page = await pending.context.get("/dashboard/organizations/members", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain("/login/two-factor");
  expect((await pending.call("POST", "/api/invitations/accept", { secret: "x".repeat(43) })).status).toBe(401);

  // A reused code is refused; the next one completes the sign-in.
  const code = await nextTotp(secret);
  const passed = await pending.call("POST", "/api/auth/two-factor/verify", { method: "totp", code });
  expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  expect(passed.body.data).toEqual({ status: "signed_in", method: "totp" });
  expect((await pending.call("GET", `/api/v1/${org.organizationId}/whoami`)).status).toBe(200);

  const again = await signInSession(playwright, baseURL!, org.owner);
  contexts.push(again.context);
  const reused = await again.call("POST", "/api/auth/two-factor/verify", { method: "totp", code });
  expect(reused.status).toBe(401);
  expect(reused.body.error).toBe("unauthenticated");
  for (const malformed of [{ method: "totp", code: "12" }, { method: "fax", code: "123456" }, { code: "123456" }, "not json"]) {
    const response = await again.call("POST", "/api/auth/two-factor/verify", malformed);
    expect(response.status, JSON.stringify(malformed)).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  }
});

test("wrong codes: 5 per person per 15 minutes, then 429 with Retry-After even for a right code; each audited", async ({ playwright, baseURL, request }, testInfo) => {
  const fixture = createOrganization(testInfo, "Guessing");
  const { secret } = enrolAuthenticator(testInfo, fixture.owner.email);
  const pending = await signInSession(playwright, baseURL!, fixture.owner);
  contexts.push(pending.context);
  for (let attempt = 0; attempt < 5; attempt++) {
    expect((await pending.call("POST", "/api/auth/two-factor/verify", { method: "totp", code: "000000" })).status).toBe(401);
  }
  const limited = await pending.call("POST", "/api/auth/two-factor/verify", { method: "totp", code: await nextTotp(secret) });
  expect(limited.status).toBe(429);
  expect(limited.body.error).toBe("rate_limited");
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(60);
  const audit = await apiClient(request, fixture.token).get(`/${fixture.organizationId}/audit?action=auth.2fa.challenge.failed&limit=50`);
  expect(audit.body.data.map((event: { status: number }) => event.status).sort()).toEqual([401, 401, 401, 401, 401, 429]);
  expect(JSON.stringify(audit.body)).not.toContain("000000");
});

test("an unenrolled member after the grace period: 403 two_factor_required on every endpoint of that organization only", async ({ playwright, baseURL, request }, testInfo) => {
  const strict = createOrganization(testInfo, "Strict");
  const own = createOrganization(testInfo, "Member's own");
  const strictApi = apiClient(request, strict.token);
  await joinOrganization(strict, own.owner, "developer");
  const enforced = await strictApi.patch(`/${strict.organizationId}/security-policy`, { enforce_two_factor: true, grace_period_days: 0 });
  expect(enforced.status, enforced.text).toBe(200);
  expect(enforced.body.data).toMatchObject({ enforce_two_factor: true, grace_period_days: 0, enforced_from: expect.any(String) });
  expect(enforced.body.data.grace_ends_at).toBe(enforced.body.data.enforced_from);

  const member = await signInSession(playwright, baseURL!, own.owner);
  contexts.push(member.context);
  const outcomes = await everyEndpoint(request, member, strict.organizationId);
  const allowed = (key: string, outcome: string) =>
    key === "GET /openapi.json" ? outcome === "200" : key === "GET /whoami" ? outcome === "404 not_found" : outcome === "403 two_factor_required";
  expect(Object.entries(outcomes).filter(([key, outcome]) => !allowed(key, outcome)), "endpoints the member reached").toEqual([]);
  // Pages of that organization (the switcher's cookie names it) send the member to the 2FA-required screen.
  const cookies = (await member.context.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`);
  const page = await member.context.get("/dashboard", { maxRedirects: 0, headers: { cookie: [...cookies, `dotenv_org=${strict.organizationId}`].join("; ") } });
  expect([page.status(), page.headers().location]).toEqual([307, "/dashboard/two-factor-required"]);

  // Their own organization is unaffected, and so are the strict organization's API keys.
  expect((await member.call("GET", `/api/v1/${own.organizationId}/projects`)).status).toBe(200);
  expect((await strictApi.get(`/${strict.organizationId}/projects`)).status).toBe(200);
  // A longer grace period gives access back at once (it counts from enforced_from).
  expect((await strictApi.patch(`/${strict.organizationId}/security-policy`, { grace_period_days: 30 })).status).toBe(200);
  expect((await member.call("GET", `/api/v1/${strict.organizationId}/projects`)).status).toBe(200);
  const refusals = await strictApi.get(`/${strict.organizationId}/audit?action=auth.2fa.required&limit=100`);
  expect(refusals.body.data.length).toBeGreaterThan(60);
});

test("security policy: bad input is 422 and changes nothing; a person without 2FA cannot switch enforcement on", async ({ playwright, baseURL, request }, testInfo) => {
  const fixture = createOrganization(testInfo, "Policy");
  const api = apiClient(request, fixture.token);
  const path = `/${fixture.organizationId}/security-policy`;
  for (const body of [{ grace_period_days: 31 }, { grace_period_days: -1 }, { grace_period_days: 2.5 }, { grace_period_days: "7" }, { enforce_two_factor: "true" }, {}, { enforce_two_factor: true, extra: 1 }]) {
    const response = await api.patch(path, body);
    expect([response.status, response.body.error], JSON.stringify(body)).toEqual([422, "validation_failed"]);
  }
  expect((await api.postRaw(path, "{")).status).toBe(405);
  expect((await api.get(path)).body.data).toEqual({ enforce_two_factor: false, grace_period_days: 0, enforced_from: null, grace_ends_at: null });

  const owner = await signInSession(playwright, baseURL!, fixture.owner);
  contexts.push(owner.context);
  const refused = await owner.call("PATCH", `/api/v1${path}`, { enforce_two_factor: true, grace_period_days: 7 });
  expect([refused.status, refused.body.error]).toEqual([422, "validation_failed"]);
  expect(refused.body.message).toMatch(/two-factor authentication on your own account/);
  expect((await api.get(path)).body.data.enforce_two_factor).toBe(false);
});

test("password reset: the same answer for any address; the link works once and signs every session out", async ({ playwright, baseURL, request }) => {
  const account = { name: "Forgetful", email: uniqueEmail("forgetful"), password: strongPassword() };
  expect((await request.post("/api/auth/signup", { data: account })).status()).toBe(201);
  const session = await signInSession(playwright, baseURL!, account);
  contexts.push(session.context);

  const known = await request.post("/api/auth/password-reset", { data: { email: account.email } });
  const unknown = await request.post("/api/auth/password-reset", { data: { email: uniqueEmail("nobody") } });
  expect(known.status()).toBe(200);
  expect(await known.json()).toEqual(await unknown.json());
  expect((await request.post("/api/auth/password-reset", { data: { email: "not an email" } })).status()).toBe(422);
  expect((await request.post("/api/auth/password-reset/complete", { data: { token: "x".repeat(43), password: strongPassword() } })).status()).toBe(422);

  // Without SMTP_URL the link is kept in the development outbox, shown only to its recipient.
  const accountPage = await (await session.context.get("/dashboard/account")).text();
  const token = accountPage.match(/\/reset-password#([A-Za-z0-9_-]{43})/)?.[1];
  expect(token).toBeTruthy();
  const newPassword = strongPassword();
  const weak = await request.post("/api/auth/password-reset/complete", { data: { token, password: "1qaz2wsx3edc" } });
  expect([weak.status(), (await weak.json()).error]).toEqual([422, "validation_failed"]);
  expect((await request.post("/api/auth/password-reset/complete", { data: { token, password: newPassword } })).status()).toBe(200);
  expect((await request.post("/api/auth/password-reset/complete", { data: { token, password: strongPassword() } })).status()).toBe(422);
  expect((await session.call("GET", "/api/v1/01ARZ3NDEKTSV4RRFFQ69G5FAV/whoami")).status).toBe(401);
  const fresh = await signInSession(playwright, baseURL!, { email: account.email, password: newPassword });
  contexts.push(fresh.context);
  expect(((await fresh.context.get("/api/auth/session").then((response) => response.json())) as { user?: { email: string } }).user?.email).toBe(account.email);
});
