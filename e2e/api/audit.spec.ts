import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, type ApiClient, type OrganizationFixture } from "./support";

// The audit log over the API (docs/api.md#management, docs/audit.md#what-is-recorded): filters return the events of the calls just made,
// newest first, chained by hash; reading it is itself recorded; no record carries a token value.

interface AuditEventView {
  id: string;
  time: string;
  actor: { type: string; id: string | null; label: string };
  source: string;
  action: string;
  resource: string;
  outcome: string;
  status: number;
  ip: string | null;
  user_agent: string | null;
  metadata: Record<string, unknown>;
  hash: string;
  prev_hash: string;
}

let org: OrganizationFixture;
let api: ApiClient;
/** Every token value this spec has seen: none may ever appear in the log. */
const tokenValues: string[] = [];
let keyId: string;
let keyToken: string;

test.beforeAll(async ({ playwright, baseURL }, testInfo) => {
  org = createOrganization(testInfo);
  tokenValues.push(org.token);
  const context = await playwright.request.newContext({ baseURL });
  const setup = apiClient(context, org.token);
  // A few calls to find again: a key created, used, rotated, refused, and revoked.
  const created = await setup.post(`/${org.organizationId}/tokens`, {
    name: "audited key", expires: "30d", permissions: [{ permission: "organization:read" }, { permission: "secret:read", scope: { project: "my-app" } }],
  });
  expect(created.status).toBe(201);
  keyId = created.body.data.id;
  tokenValues.push(created.body.data.token);
  const rotated = await setup.post(`/${org.organizationId}/tokens/${keyId}/rotate`);
  keyToken = rotated.body.data.token;
  tokenValues.push(keyToken);
  const asKey = apiClient(context, keyToken, { "User-Agent": "audit-spec/1.0" });
  expect((await asKey.get(`/${org.organizationId}`)).status).toBe(200);
  expect((await asKey.get(`/${org.organizationId}/members`)).status).toBe(403);
  const doomed = await setup.post(`/${org.organizationId}/tokens`, { name: "doomed", expires: "30d", permissions: [{ permission: "organization:read" }] });
  tokenValues.push(doomed.body.data.token);
  expect((await setup.delete(`/${org.organizationId}/tokens/${doomed.body.data.id}`)).status).toBe(204);
  await context.dispose();
});

test.beforeEach(async ({ request }) => {
  api = apiClient(request, org.token);
});

async function events(query = ""): Promise<AuditEventView[]> {
  const response = await api.get(`/${org.organizationId}/audit?limit=100${query ? `&${query}` : ""}`);
  expect(response.status, response.text).toBe(200);
  return response.body.data;
}

test("events are newest first, fully described, and chained by hash", async () => {
  const list = await events();
  expect(list.length).toBeGreaterThan(5);
  const created = list.find((event) => event.action === "token.create" && event.metadata.name === "audited key")!;
  expect(Object.keys(created).sort()).toEqual(
    ["id", "time", "sequence", "actor", "source", "action", "resource", "outcome", "status", "ip", "user_agent", "metadata", "hash", "prev_hash"].sort(),
  );
  expect(created).toMatchObject({
    id: expect.stringMatching(/^[0-9A-Z]{26}$/), time: expect.any(String), sequence: expect.any(Number),
    actor: { type: "token", id: expect.any(String), label: expect.stringContaining("key_") },
    source: "api", action: "token.create", resource: `/${org.organizationId}/tokens`, outcome: "success", status: 201,
    metadata: { id: keyId, name: "audited key", permissions: ["organization:read", "secret:read"] },
    hash: expect.stringMatching(/^[0-9a-f]{64}$/), prev_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  for (const [index, event] of list.entries()) {
    const older = list[index + 1];
    if (!older) break;
    expect(Date.parse(event.time)).toBeGreaterThanOrEqual(Date.parse(older.time));
    expect(event.prev_hash).toBe(older.hash);
  }
});

test("action filter: exact, or a prefix ending in *", async () => {
  const rotations = await events("action=token.rotate");
  expect(rotations.map((event) => event.metadata.id)).toEqual([keyId]);
  const tokenEvents = await events("action=token.*");
  expect(tokenEvents.length).toBeGreaterThanOrEqual(4);
  expect(tokenEvents.every((event) => event.action.startsWith("token."))).toBe(true);
  expect(tokenEvents.map((event) => event.action)).toEqual(expect.arrayContaining(["token.create", "token.rotate", "token.delete"]));
  expect(await events("action=nothing.like.this")).toEqual([]);
});

test("outcome and actor filters find the refused call of the key", async () => {
  const denied = await events("outcome=denied");
  expect(denied.length).toBeGreaterThan(0);
  expect(denied.every((event) => event.outcome === "denied")).toBe(true);
  const refusal = denied.find((event) => event.action === "member.list")!;
  expect(refusal).toMatchObject({ status: 403, resource: `/${org.organizationId}/members`, user_agent: "audit-spec/1.0", actor: { type: "token" } });

  const byKeyLabel = await events(`actor=${keyId}`);
  expect(byKeyLabel.map((event) => event.action).sort()).toEqual(["member.list", "organization.read"]);
  expect(byKeyLabel.every((event) => event.actor.label.includes(keyId))).toBe(true);
  const byActorId = await events(`actor=${refusal.actor.id}`);
  expect(byActorId.map((event) => event.id).sort()).toEqual(byKeyLabel.map((event) => event.id).sort());
  expect(await events("actor=nobody-at-all")).toEqual([]);
  const successes = await events(`outcome=success&actor=${keyId}`);
  expect(successes.map((event) => event.action)).toEqual(["organization.read"]);
});

test("time filters: from and to (ISO, inclusive)", async () => {
  const all = await events();
  const pivot = all.find((event) => event.action === "token.rotate")!;
  const after = await events(`from=${encodeURIComponent(pivot.time)}`);
  expect(after.some((event) => event.id === pivot.id)).toBe(true);
  expect(after.every((event) => Date.parse(event.time) >= Date.parse(pivot.time))).toBe(true);
  const before = await events(`to=${encodeURIComponent(pivot.time)}`);
  expect(before.some((event) => event.id === pivot.id)).toBe(true);
  expect(before.every((event) => Date.parse(event.time) <= Date.parse(pivot.time))).toBe(true);
  expect(await events("from=2999-01-01")).toEqual([]);
  expect(await events("to=2000-01-01")).toEqual([]);
  const today = new Date().toISOString().slice(0, 10);
  expect((await events(`from=${today}&to=${today}`)).length).toBeGreaterThan(0);
});

test("project filter: events under the project's paths or naming it", async () => {
  // Calls under a project come from the secrets and project endpoints; use them where they exist.
  const document = (await api.get("/openapi.json")).body as { paths: Record<string, unknown> };
  const secretsPath = "/{organization}/{project}/{target}/{environment}/secrets";
  if (document.paths[secretsPath]) {
    expect((await api.get(`/${org.organizationId}/my-app/backend/production/secrets`)).status).toBe(200);
    const underProject = await events("project=my-app");
    expect(underProject.some((event) => event.resource === `/${org.organizationId}/my-app/backend/production/secrets`)).toBe(true);
    expect(underProject.every((event) => event.resource.includes("/my-app") || event.metadata.project === "my-app")).toBe(true);
  }
  expect(await events("project=no-such-project")).toEqual([]);
  // Key events name projects only inside scopes, never as "the" project.
  expect((await events("project=my-app")).some((event) => event.action.startsWith("token."))).toBe(false);
});

test("pagination: limit and cursor walk the log without overlap", async () => {
  const first = await api.get(`/${org.organizationId}/audit?limit=2`);
  expect(first.body.data).toHaveLength(2);
  const cursor = first.body.meta.next_cursor as string;
  expect(cursor).toBe(first.body.data[1].id);
  const second = await api.get(`/${org.organizationId}/audit?limit=2&cursor=${cursor}`);
  expect(second.body.data).toHaveLength(2);
  expect(second.body.data[0].hash).toBe(first.body.data[1].prev_hash);
  const seen = new Set(first.body.data.map((event: AuditEventView) => event.id));
  expect(second.body.data.some((event: AuditEventView) => seen.has(event.id))).toBe(false);
});

test("reading the log is itself recorded, and needs audit:read", async ({ request }) => {
  await events("action=organization.*");
  const reads = await events("action=audit.read&limit=1");
  expect(reads[0]).toMatchObject({ action: "audit.read", outcome: "success", metadata: { filters: ["action"] } });

  const noAudit = apiClient(request, keyToken);
  const refused = await noAudit.get(`/${org.organizationId}/audit`);
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe("insufficient_permissions");
  const recorded = await events(`action=audit.read&outcome=denied`);
  expect(recorded[0]?.actor.label).toContain(keyId);
});

test("bad filters are 400 invalid_request", async () => {
  for (const query of ["outcome=maybe", "limit=101", "limit=0", "from=yesterday", "to=2024-13-01", "action=secret.*x", "action=SECRET.READ", "project=Not_A_Slug", "from=2025-02-01&to=2025-01-01"]) {
    const response = await api.get(`/${org.organizationId}/audit?${query}`);
    expect.soft(response.status, query).toBe(400);
    expect.soft(response.body?.error, query).toBe("invalid_request");
  }
});

test("no audit record, anywhere in the log, contains a token value", async () => {
  let cursor: string | null = null;
  let text = "";
  let pages = 0;
  do {
    const response = await api.get(`/${org.organizationId}/audit?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status).toBe(200);
    text += response.text;
    cursor = response.body.meta.next_cursor;
    pages += 1;
  } while (cursor && pages < 50);
  expect(text).toContain(keyId);
  for (const token of tokenValues) {
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(4, 20));
  }
  expect(text).not.toContain("dtk_");
});
