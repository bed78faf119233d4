import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, type ApiClient, type OrganizationFixture } from "./support";
import { rawDatabase, withoutAuditTriggers } from "./database";

// The audit log proves itself over HTTP (docs/api.md#audit-verification, docs/audit.md): verify
// answers intact for an untouched log, and finds an edited or removed row at its sequence when
// someone with the database's keys goes around the triggers; the app's own role cannot erase
// anything; the export streams exactly the filtered view as CSV and JSON Lines.

interface Verification {
  intact: boolean;
  events: number;
  head: { sequence: number; hash: string };
  first_broken: { sequence: number } | null;
  reason: string | null;
}

async function verify(api: ApiClient, org: OrganizationFixture): Promise<Verification> {
  const response = await api.get(`/${org.organizationId}/audit/verify`);
  expect(response.status, response.text).toBe(200);
  return response.body.data;
}

/** A fresh organization with a few more events than the seed's (each read is one). */
async function organizationWithEvents(request: Parameters<typeof apiClient>[0], testInfo: Parameters<typeof createOrganization>[0], reads = 6) {
  const org = createOrganization(testInfo);
  const api = apiClient(request, org.token);
  for (let index = 0; index < reads; index++) expect((await api.get(`/${org.organizationId}`)).status).toBe(200);
  return { org, api };
}

test("verify: intact, with the head; an edited event is found at its sequence", async ({ request }, testInfo) => {
  const { org, api } = await organizationWithEvents(request, testInfo);
  const intact = await verify(api, org);
  expect(intact).toMatchObject({ intact: true, first_broken: null, reason: null });
  expect(intact.events).toBeGreaterThanOrEqual(7);
  expect(intact.head.sequence).toBe(intact.events);
  expect(intact.head.hash).toMatch(/^[0-9a-f]{64}$/);
  // The verification is itself recorded, after it ran.
  const [recorded] = (await api.get(`/${org.organizationId}/audit?action=audit.verify&limit=1`)).body.data;
  expect(recorded.metadata).toEqual({ intact: true, events: intact.events, first_broken: null });

  const db = await rawDatabase(testInfo);
  try {
    await withoutAuditTriggers(db, `UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "chainKey" = '${org.organizationId}' AND "sequence" = 3`);
  } finally {
    await db.end();
  }
  const broken = await verify(api, org);
  expect(broken).toMatchObject({ intact: false, first_broken: { sequence: 3 } });
  expect(broken.reason).toContain("changed");
});

test("verify: events removed from the middle, the start or the end are found", async ({ request }, testInfo) => {
  // Three organizations, each made by the seed command: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const cases: [string, (id: string, last: number) => string, (last: number) => number][] = [
    ["middle", (id) => `DELETE FROM "AuditEvent" WHERE "chainKey" = '${id}' AND "sequence" = 4`, () => 4],
    ["start", (id) => `DELETE FROM "AuditEvent" WHERE "chainKey" = '${id}' AND "sequence" = 1`, () => 1],
    ["end", (id, last) => `DELETE FROM "AuditEvent" WHERE "chainKey" = '${id}' AND "sequence" >= ${last - 1}`, (last) => last - 1],
  ];
  const db = await rawDatabase(testInfo);
  try {
    for (const [where, sql, expected] of cases) {
      const { org, api } = await organizationWithEvents(request, testInfo, 4);
      const before = await verify(api, org);
      // The verification above is the last event now.
      const last = before.head.sequence + 1;
      await withoutAuditTriggers(db, sql(org.organizationId, last));
      const after = await verify(api, org);
      expect(after, where).toMatchObject({ intact: false, first_broken: { sequence: expected(last) } });
    }
  } finally {
    await db.end();
  }
});

test("the app's own database role cannot erase the log: TRUNCATE, DELETE and UPDATE are refused", async ({ request }, testInfo) => {
  const { org, api } = await organizationWithEvents(request, testInfo, 1);
  const db = await rawDatabase(testInfo);
  try {
    for (const sql of [`TRUNCATE "AuditEvent"`, `TRUNCATE "AuditEvent", "Organization" CASCADE`, `DELETE FROM "AuditEvent" WHERE "chainKey" = '${org.organizationId}'`,
      `UPDATE "AuditEvent" SET "action" = 'x' WHERE "chainKey" = '${org.organizationId}'`, `TRUNCATE "AuditChainHead"`]) {
      await expect(db.query(sql), sql).rejects.toThrow(/append-only|only move forward/);
    }
  } finally {
    await db.end();
  }
  expect(await verify(api, org)).toMatchObject({ intact: true });
});

interface EventView {
  id: string;
  time: string;
  sequence: number;
  actor: { type: string; id: string | null; label: string };
  action: string;
  resource: string;
  outcome: string;
  status: number;
  metadata: Record<string, unknown>;
  hash: string;
  prev_hash: string;
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  return rows;
}

test("export: CSV and JSON Lines of exactly the filtered view, as downloads", async ({ request }, testInfo) => {
  const org = createOrganization(testInfo);
  const api = apiClient(request, org.token);
  for (const name of ["export one", "export, two", 'export "three"']) {
    expect((await api.post(`/${org.organizationId}/tokens`, { name, expires: "30d", permissions: [{ permission: "organization:read" }] })).status).toBe(201);
  }
  const filters = "action=token.*&outcome=success";
  const listed: EventView[] = (await api.get(`/${org.organizationId}/audit?${filters}&limit=100`)).body.data;
  expect(listed.map((event) => event.action)).toEqual(["token.create", "token.create", "token.create", "token.create"]);

  const jsonl = await request.get(`/api/v1/${org.organizationId}/audit/export?format=jsonl&${filters}`, { headers: { Authorization: `Bearer ${org.token}` } });
  expect(jsonl.status()).toBe(200);
  expect(jsonl.headers()["content-type"]).toBe("application/jsonl; charset=utf-8");
  expect(jsonl.headers()["content-disposition"]).toMatch(new RegExp(`^attachment; filename="audit-${org.organizationId}-\\d{4}-\\d{2}-\\d{2}\\.jsonl"$`));
  expect(jsonl.headers()["cache-control"]).toBe("no-store");
  const lines = (await jsonl.text()).trimEnd().split("\n").map((line) => JSON.parse(line) as EventView);
  expect(lines).toEqual(listed);

  const csv = await request.get(`/api/v1/${org.organizationId}/audit/export?format=csv&${filters}`, { headers: { Authorization: `Bearer ${org.token}` } });
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const [header, ...rows] = parseCsv(await csv.text());
  expect(header).toEqual(["id", "time", "sequence", "actor_type", "actor_id", "actor_label", "source", "action", "resource", "outcome", "status", "ip", "user_agent", "metadata", "hash", "prev_hash"]);
  expect(rows).toHaveLength(listed.length);
  const column = (name: string) => header!.indexOf(name);
  for (const [index, row] of rows.entries()) {
    const event = listed[index]!;
    expect(row[column("id")]).toBe(event.id);
    expect(Number(row[column("sequence")])).toBe(event.sequence);
    expect(row[column("action")]).toBe(event.action);
    expect(JSON.parse(row[column("metadata")]!)).toEqual(event.metadata);
    expect(row[column("hash")]).toBe(event.hash);
  }
  expect(rows.map((row) => JSON.parse(row[column("metadata")]!).name)).toEqual(expect.arrayContaining(["export, two", 'export "three"']));

  // The export is recorded, with the filters it used.
  const [exported] = (await api.get(`/${org.organizationId}/audit?action=audit.export&limit=1`)).body.data;
  expect(exported.metadata).toEqual({ format: "csv", filters: ["action", "outcome"] });
  expect((await api.get(`/${org.organizationId}/audit/export?format=xml`)).status).toBe(400);
});
