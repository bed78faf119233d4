import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import type { ServiceContext } from "@/lib/services/context";
import { auditExportQuery, auditQuery, type AuditEventView } from "@/lib/schemas/audit";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { recordAuditEvent, type AuditActor } from "./record";
import { exportAuditEvents, listAuditActors, listAuditEvents } from "./query";
import { flushRefusalWindows, recordUnauthenticatedRefusal, refusalsPerMinute } from "./refusals";

// Reading the log through every filter, the keyset pages, the streamed export's pages and the actor
// list, against a real database (both kinds); and unauthenticated refusals counted per address and
// minute, one event per window.

let database: TestDatabase;
let context: ServiceContext;
let organizationId: string;

const ada: AuditActor = { actorType: "USER", actorId: newId(), actorLabel: "ada@example.test", source: "DASHBOARD", ip: "203.0.113.1", userAgent: "browser" };
const ci: AuditActor = { actorType: "TOKEN", actorId: newId(), actorLabel: "ci deploy (key_0123456789abcdef)", source: "CLI", ip: "203.0.113.2", userAgent: "dotenv-cli" };
const stranger: AuditActor = { actorType: "ANONYMOUS", actorId: null, actorLabel: "anonymous", source: "API", ip: "198.51.100.7", userAgent: "curl" };

beforeAll(async () => {
  database = await openTestDatabase();
  organizationId = (await database.db.organization.create({ data: { id: newId(), name: "Query" } })).id;
  context = {
    principal: { kind: "user", userId: ada.actorId!, organizationId, role: "OWNER", teamIds: [] },
    organizationId, path: `/${organizationId}/audit`, actor: ada,
  };
  const at = (path: string) => `/${organizationId}${path}`;
  const events: [AuditActor, string, string, "SUCCESS" | "DENIED" | "ERROR", Record<string, unknown>][] = [
    [ada, "project.create", at("/projects"), "SUCCESS", { slug: "billing", name: "Billing" }],
    [ada, "target.create", at("/projects/billing/targets"), "SUCCESS", { project: "billing", slug: "web" }],
    [ada, "environment.create", at("/projects/billing/targets/web/environments"), "SUCCESS", { project: "billing", target: "web", slug: "production" }],
    [ci, "secret.read", at("/billing/web/production/secrets"), "SUCCESS", { project: "billing", target: "web", environment: "production", level: "environment" }],
    [ci, "secret.decrypt", at("/billing/web/production/secrets"), "DENIED", { project: "billing", target: "web", environment: "production", permission: "secret:decrypt" }],
    [ci, "secret.read", at("/my-app/backend/staging/secrets"), "SUCCESS", { project: "my-app", target: "backend", environment: "staging" }],
    [ada, "token.create", at("/tokens"), "SUCCESS", { name: "ci deploy", permissions: ["secret:read"] }],
    [stranger, "organization.access", at("/members"), "DENIED", {}],
    [ada, "secret_write.like", at("/odd%path_"), "ERROR", {}],
  ];
  for (const [actor, action, resourcePath, outcome, metadata] of events) {
    await recordAuditEvent(actor, { organizationId, action, resourcePath, outcome, status: outcome === "SUCCESS" ? 200 : 403, metadata });
  }
}, 120_000);
afterAll(async () => {
  await database?.close();
});

/** The actions of the first page for a query string, newest first (as the API parses it). */
async function actions(query: Record<string, string> = {}): Promise<string[]> {
  const page = await listAuditEvents(context, auditQuery.parse({ limit: "100", ...query }));
  return page.data.map((event) => event.action).filter((action) => !action.startsWith("audit."));
}

describe("filters", () => {
  it("newest first, each filter alone", async () => {
    expect(await actions()).toEqual([
      "secret_write.like", "organization.access", "token.create", "secret.read", "secret.decrypt", "secret.read", "environment.create", "target.create", "project.create",
    ]);
    expect(await actions({ action: "secret.read" })).toEqual(["secret.read", "secret.read"]);
    expect(await actions({ action: "secret.*" })).toEqual(["secret.read", "secret.decrypt", "secret.read"]);
    // `_` and `%` are themselves, not LIKE wildcards.
    expect(await actions({ action: "secret_*" })).toEqual(["secret_write.like"]);
    expect(await actions({ actor: ci.actorId! })).toEqual(["secret.read", "secret.decrypt", "secret.read"]);
    expect(await actions({ actor: "key_0123456789abcdef" })).toEqual(["secret.read", "secret.decrypt", "secret.read"]);
    expect(await actions({ actor: "ADA@" })).toEqual(["secret_write.like", "token.create", "environment.create", "target.create", "project.create"]);
    expect(await actions({ project: "billing" })).toEqual(["secret.decrypt", "secret.read", "environment.create", "target.create", "project.create"]);
    expect(await actions({ project: "billing", target: "web" })).toEqual(["secret.decrypt", "secret.read", "environment.create", "target.create"]);
    expect(await actions({ project: "billing", target: "web", environment: "production" })).toEqual(["secret.decrypt", "secret.read", "environment.create"]);
    expect(await actions({ environment: "staging" })).toEqual(["secret.read"]);
    expect(await actions({ outcome: "denied" })).toEqual(["organization.access", "secret.decrypt"]);
    expect(await actions({ source: "cli" })).toEqual(["secret.read", "secret.decrypt", "secret.read"]);
    expect(await actions({ resource: "PRODUCTION/secrets" })).toEqual(["secret.decrypt", "secret.read"]);
    expect(await actions({ resource: "%path_" })).toEqual(["secret_write.like"]);
    expect(await actions({ resource: "nowhere" })).toEqual([]);
  });

  it("combined, and by time", async () => {
    expect(await actions({ actor: ci.actorId!, action: "secret.*", outcome: "success", project: "my-app" })).toEqual(["secret.read"]);
    const all = (await listAuditEvents(context, auditQuery.parse({ limit: "100", action: "secret.*" }))).data;
    const middle = all[1]!;
    const after = (await listAuditEvents(context, auditQuery.parse({ limit: "100", action: "secret.*", from: middle.time }))).data;
    expect(after.every((event) => event.time >= middle.time)).toBe(true);
    expect(after.map((event) => event.id)).toContain(middle.id);
    expect(await actions({ to: "2000-01-01" })).toEqual([]);
  });
});

describe("pages", () => {
  it("walks the log with the cursor, without overlap or gap, and refuses a cursor it did not give", async () => {
    const seen: AuditEventView[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(context, auditQuery.parse({ limit: "2", action: "secret.*", ...(cursor ? { cursor } : {}) }));
      seen.push(...page.data);
      cursor = page.meta.next_cursor;
    } while (cursor);
    expect(seen.map((event) => event.action)).toEqual(["secret.read", "secret.decrypt", "secret.read"]);
    expect(new Set(seen.map((event) => event.id)).size).toBe(3);
    await expect(listAuditEvents(context, auditQuery.parse({ cursor: newId() }))).rejects.toMatchObject({ code: "invalid_request", status: 400 });
  });

  it("records each read with the filters it used (names only), after the query", async () => {
    await listAuditEvents(context, auditQuery.parse({ action: "token.*", resource: "a secret-looking text" }));
    const [read] = (await listAuditEvents(context, auditQuery.parse({ action: "audit.read", limit: "1" }))).data;
    expect(read!.metadata).toEqual({ count: 0, filters: ["action", "resource"] });
    expect(JSON.stringify(read)).not.toContain("secret-looking");
  });
});

describe("export", () => {
  it("yields every matching event in pages, stops at the head it started from, and is recorded first", async () => {
    const pages = await exportAuditEvents(context, auditExportQuery.parse({ format: "jsonl", source: "cli" }));
    const exported: AuditEventView[] = [];
    for await (const page of pages) exported.push(...page);
    expect(exported.map((event) => event.action)).toEqual(["secret.read", "secret.decrypt", "secret.read"]);
    const [record] = (await listAuditEvents(context, auditQuery.parse({ action: "audit.export", limit: "1" }))).data;
    expect(record!.metadata).toEqual({ format: "jsonl", filters: ["source"] });
    const everything: AuditEventView[] = [];
    for await (const page of await exportAuditEvents(context, auditExportQuery.parse({ format: "csv" }))) everything.push(...page);
    expect(everything.some((event) => event.action === "audit.export" && event.metadata.format === "csv")).toBe(false);
  });
});

describe("actors", () => {
  it("lists everyone in the log once, most recently active first, without reading every event", async () => {
    const actors = await listAuditActors(context);
    expect(actors.map((actor) => [actor.type, actor.label])).toEqual([
      ["user", "ada@example.test"], ["anonymous", "anonymous"], ["token", "ci deploy (key_0123456789abcdef)"],
    ]);
    expect(actors[2]!.id).toBe(ci.actorId);
  });
});

describe("unauthenticated refusals", () => {
  it("count per address and minute, turn into one event per window, and answer 429 past the limit", async () => {
    await flushRefusalWindows({ includeOpen: true });
    const before = await database.db.auditEvent.count({ where: { chainKey: "-", action: "auth.api.refused" } });
    const refuse = (ip: string, path: string, reason = "invalid_token") =>
      recordUnauthenticatedRefusal({ ...stranger, ip }, { action: "auth.api.refused", resourcePath: path, reason, status: 401 });
    for (let index = 0; index < 5; index++) await refuse("192.0.2.1", `/x/${index % 2}`);
    await refuse("192.0.2.1", "/x/0", "token_expired");
    await refuse("192.0.2.2", "/y");
    // Counted, not written as events one by one: at most a window that closed meanwhile was flushed.
    expect(await database.db.auditEvent.count({ where: { chainKey: "-", action: "auth.api.refused" } })).toBeLessThanOrEqual(before + 1);

    await flushRefusalWindows({ includeOpen: true });
    const events = (await database.db.auditEvent.findMany({ where: { chainKey: "-", action: "auth.api.refused" }, orderBy: { sequence: "asc" } })).slice(before);
    const fromFirst = events.filter((event) => event.ip === "192.0.2.1");
    // One event per address and minute: one, or two if the attempts straddled a minute.
    expect(fromFirst.length).toBeGreaterThanOrEqual(1);
    expect(fromFirst.length).toBeLessThanOrEqual(2);
    const total = (key: string) => fromFirst.reduce((sum, event) => sum + Number((event.metadata as Record<string, unknown>)[key] ?? 0), 0);
    expect(total("count")).toBe(6);
    expect(fromFirst[0]).toMatchObject({ outcome: "DENIED", status: 401, actorType: "ANONYMOUS", resourcePath: "/x/0" });
    if (fromFirst.length === 1) {
      expect(fromFirst[0]!.metadata).toMatchObject({ count: 6, reasons: { invalid_token: 5, token_expired: 1 }, resources: ["/x/0", "/x/1"], rate_limited: 0 });
    }
    expect(events.filter((event) => event.ip === "192.0.2.2").map((event) => event.metadata)).toEqual([expect.objectContaining({ count: 1 })]);

    // Past the limit within one minute: 429. (Started at a minute's start, so all attempts share it.)
    const second = new Date().getUTCSeconds();
    if (second > 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    for (let index = 0; index < refusalsPerMinute(); index++) await refuse("192.0.2.3", "/z");
    const limited = await refuse("192.0.2.3", "/z").catch((error: unknown) => error);
    expect(limited).toMatchObject({ code: "rate_limited", status: 429 });
    expect((limited as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
    await flushRefusalWindows({ includeOpen: true });
    const [window] = await database.db.auditEvent.findMany({ where: { chainKey: "-", ip: "192.0.2.3" } });
    expect(window!.metadata).toMatchObject({ count: refusalsPerMinute() + 1, rate_limited: 1 });
  });
});
