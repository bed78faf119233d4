import { execFileSync } from "node:child_process";
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs, type TestInfo } from "@playwright/test";
import { strongPassword, uniqueEmail } from "../support";
import { apiClient, createOrganization, isPostgres, signInWithCredentials, type ApiClient, type OrganizationFixture } from "./support";

// Invitations over raw HTTP: POST /api/invitations/accept with a session (the link's secret in the
// body, never a URL), and the list / resend / revoke endpoints. Links are read from the development
// outbox page, as a tester without a mail server would.

let org: OrganizationFixture;
let owner: ApiClient;
let ownerSession: Session;
const contexts: APIRequestContext[] = [];

interface Session {
  email: string;
  password: string;
  context: APIRequestContext;
  accept: (body: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any; contentType: string }>;
}

async function session(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, account: { email: string; password: string; name?: string }, signUp = true): Promise<Session> {
  const context = await playwright.request.newContext({ baseURL });
  contexts.push(context);
  if (signUp) expect((await context.post("/api/auth/signup", { data: { name: account.name ?? "Invited Person", ...account } })).status()).toBe(201);
  await signInWithCredentials(context, account);
  return {
    ...account,
    context,
    accept: async (body, headers = { "Sec-Fetch-Site": "same-origin" }) => {
      const response = await context.post("/api/invitations/accept", { data: typeof body === "string" ? body : JSON.stringify(body), headers: { "Content-Type": "application/json", ...headers } });
      return { status: response.status(), body: await response.json().catch(() => null), contentType: response.headers()["content-type"] ?? "" };
    },
  };
}

/** Invites `email` with the org's key and returns the secret from the link in the development outbox. */
async function invite(email: string, role = "developer"): Promise<string> {
  const invited = await owner.post(`/${org.organizationId}/members`, { email, role });
  expect(invited.status, invited.text).toBe(201);
  expect(invited.text).not.toMatch(/[A-Za-z0-9_-]{43}/);
  return latestSecretFor(email);
}

async function latestSecretFor(email: string): Promise<string> {
  const page = await (await ownerSession.context.get("/dashboard/outbox")).text();
  const message = page.split('data-testid="outbox-message"').find((chunk) => chunk.includes(`data-testid="outbox-recipient">${email}<`));
  const secret = message?.match(/\/invitations\/accept#([A-Za-z0-9_-]{43})/)?.[1];
  if (!secret) throw new Error(`no invitation link for ${email} in the outbox`);
  return secret;
}

/** Moves an invitation's expiry into the past, straight in this project's database (a time fixture). */
function expireInvitation(testInfo: TestInfo, email: string): void {
  const script = `import("@/lib/data/db").then(async ({ getDb, closeDb }) => {
    const db = await getDb();
    await db.invitation.updateMany({ where: { email: ${JSON.stringify(email)} }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await closeDb();
  })`;
  execFileSync("npx", ["tsx", "--conditions=react-server", "-e", script], {
    env: {
      ...process.env, DOTENV_MASTER_KEY: process.env.DOTENV_E2E_MASTER_KEY, DOTENV_DATA_DIR: process.env.DOTENV_E2E_DATA_DIR,
      DATABASE_URL: isPostgres(testInfo) ? process.env.DOTENV_E2E_PG_URL : "", NODE_ENV: "development",
    },
  });
}

test.beforeAll(async ({ playwright, baseURL }, testInfo) => {
  org = createOrganization(testInfo);
  ownerSession = await session(playwright, baseURL!, org.owner, false);
});

test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.dispose()));
});

test.beforeEach(async ({ request }) => {
  owner = apiClient(request, org.token);
});

test("the invited person accepts once: member with the invited role; the link cannot be used again", async ({ playwright, baseURL }) => {
  const email = uniqueEmail("accept");
  const secret = await invite(email, "developer");
  const person = await session(playwright, baseURL!, { email: email.toUpperCase(), password: strongPassword() });
  const accepted = await person.accept({ secret });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  expect(accepted.body.data).toMatchObject({ status: "accepted", organization: { id: org.organizationId }, role: "developer" });
  const members = (await owner.get(`/${org.organizationId}/members?limit=100`)).body.data as { user: { email: string }; role: string }[];
  expect(members.find((member) => member.user.email === email)?.role).toBe("developer");

  const again = await person.accept({ secret });
  expect(again.status).toBe(422);
  expect(again.body).toMatchObject({ error: "validation_failed", details: { reason: "accepted" } });
  expect(again.body.message).toMatch(/already been used/);

  const audit = await owner.get(`/${org.organizationId}/audit?limit=50`);
  const events = JSON.stringify(audit.body);
  expect(events).toContain("member.invitation.accept");
  expect(events).not.toContain(secret);
});

test("bad input is a clear 4xx JSON error", async ({ playwright, baseURL }) => {
  const person = await session(playwright, baseURL!, { email: uniqueEmail("bad"), password: strongPassword() });
  const cases: [unknown, number, string][] = [
    ["", 400, "invalid_request"],
    ["{\"secret\":", 400, "invalid_request"],
    ["[]", 400, "invalid_request"],
    [{}, 422, "validation_failed"],
    [{ secret: 42 }, 422, "validation_failed"],
    [{ secret: "short" }, 422, "validation_failed"],
    [{ secret: "a".repeat(43), extra: true }, 422, "validation_failed"],
    [{ secret: "x".repeat(10_000) }, 413, "payload_too_large"],
    [{ secret: "A".repeat(43) }, 404, "not_found"],
  ];
  for (const [body, status, code] of cases) {
    const response = await person.accept(body);
    expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(status);
    expect(response.contentType).toContain("application/json");
    expect(response.body.error).toBe(code);
    expect(typeof response.body.message).toBe("string");
  }
});

test("without a session, with an API key, or cross-site: refused", async ({ playwright, baseURL, request }) => {
  const email = uniqueEmail("anon");
  const secret = await invite(email);
  const anonymous = await request.post("/api/invitations/accept", { data: { secret } });
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error).toBe("unauthenticated");
  const withKey = await request.post("/api/invitations/accept", { data: { secret }, headers: { Authorization: `Bearer ${org.token}` } });
  expect(withKey.status()).toBe(401);
  const person = await session(playwright, baseURL!, { email, password: strongPassword() });
  // A cookie sent along by another site is no session for a change.
  expect((await person.accept({ secret }, { "Sec-Fetch-Site": "cross-site" })).status).toBe(401);
  // The link still works for its owner afterwards.
  expect((await person.accept({ secret })).status).toBe(200);
});

test("the wrong account is refused (403) without learning the whole address; the right one then succeeds", async ({ playwright, baseURL }) => {
  const email = uniqueEmail("rightful");
  const secret = await invite(email, "member");
  const stranger = await session(playwright, baseURL!, { email: uniqueEmail("stranger"), password: strongPassword() });
  const refused = await stranger.accept({ secret });
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ error: "insufficient_permissions", details: { reason: "wrong_account" } });
  expect(refused.body.message).not.toContain(email);
  expect((await owner.get(`/${org.organizationId}/members?limit=100`)).text).not.toContain(stranger.email);
  const rightful = await session(playwright, baseURL!, { email, password: strongPassword() });
  expect((await rightful.accept({ secret })).body.data.role).toBe("member");
});

test("an expired invitation is refused; resending makes a new link and voids the old one", async ({ playwright, baseURL }, testInfo) => {
  const email = uniqueEmail("late");
  const oldSecret = await invite(email, "auditor");
  expireInvitation(testInfo, email);
  const person = await session(playwright, baseURL!, { email, password: strongPassword() });
  const expired = await person.accept({ secret: oldSecret });
  expect(expired.status).toBe(422);
  expect(expired.body.details).toEqual({ reason: "expired" });
  expect(expired.body.message).toMatch(/expired/);

  const listed = await owner.get(`/${org.organizationId}/invitations`);
  expect(listed.status).toBe(200);
  const row = (listed.body.data as { id: string; email: string; status: string; role: string }[]).find((invitation) => invitation.email === email);
  expect(row).toMatchObject({ status: "expired", role: "auditor" });
  expect(listed.text).not.toContain(oldSecret);

  const resent = await owner.post(`/${org.organizationId}/invitations/${row!.id}/resend`);
  expect(resent.status, resent.text).toBe(200);
  expect(resent.body.data).toMatchObject({ id: row!.id, status: "pending" });
  const newSecret = await latestSecretFor(email);
  expect(newSecret).not.toBe(oldSecret);
  expect((await person.accept({ secret: oldSecret })).status).toBe(404);
  expect((await person.accept({ secret: newSecret })).status).toBe(200);
  expect((await owner.get(`/${org.organizationId}/invitations`)).body.data.some((invitation: { email: string }) => invitation.email === email)).toBe(false);
});

test("a revoked invitation is refused; a newer invitation replaces an older one", async ({ playwright, baseURL }) => {
  const email = uniqueEmail("withdrawn");
  const first = await invite(email);
  const second = await invite(email, "member");
  const person = await session(playwright, baseURL!, { email, password: strongPassword() });
  expect((await person.accept({ secret: first })).body.details).toEqual({ reason: "revoked" });

  const id = ((await owner.get(`/${org.organizationId}/invitations`)).body.data as { id: string; email: string }[]).find((invitation) => invitation.email === email)!.id;
  expect((await owner.delete(`/${org.organizationId}/invitations/${id}`)).status).toBe(204);
  expect((await owner.delete(`/${org.organizationId}/invitations/${id}`)).status).toBe(404);
  const revoked = await person.accept({ secret: second });
  expect(revoked.status).toBe(422);
  expect(revoked.body.details).toEqual({ reason: "revoked" });
});

test("listing, resending and revoking need member permissions; unknown ids are 404", async ({ request }) => {
  const reader = await owner.post(`/${org.organizationId}/tokens`, { name: "reader", expires: "30d", permissions: [{ permission: "member:read" }] });
  const asReader = apiClient(request, reader.body.data.token);
  expect((await asReader.get(`/${org.organizationId}/invitations`)).status).toBe(403);
  expect((await asReader.delete(`/${org.organizationId}/invitations/01ARZ3NDEKTSV4RRFFQ69G5FAV`)).status).toBe(403);
  expect((await owner.delete(`/${org.organizationId}/invitations/01ARZ3NDEKTSV4RRFFQ69G5FAV`)).status).toBe(404);
  expect((await owner.post(`/${org.organizationId}/invitations/01ARZ3NDEKTSV4RRFFQ69G5FAV/resend`)).status).toBe(404);
  expect((await owner.delete(`/${org.organizationId}/invitations/not-an-id`)).status).toBe(404);
});
