// `npm run bench:audit`: the audit log on 1,000,000 events (PostgreSQL; seeded once by
// scripts/seed-audit.ts and reused). Prints p50/p95 of the first page (50 events, the use case the
// API calls: the query plus the record of the read) for a set of filter combinations — the target
// is p95 < 200 ms for each — then times a cursor deep in the log, the chain's verification and a
// full streamed export (with the process's peak memory, which must not grow with the log).
// Needs BENCH_DATABASE_URL or TEST_DATABASE_URL. BENCH_RUNS (default 30) runs per row.
import { ensureAuditBench } from "./seed-audit";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TARGET_MS = 200;

const bench = await ensureAuditBench();
process.env.DATABASE_URL = bench.url;
const { listAuditEvents, exportAuditEvents } = await import("@/lib/services/audit/query");
const { verifyAuditChain } = await import("@/lib/services/audit/verify");
const { auditExportResponse } = await import("@/lib/api/audit-export");
const { auditExportQuery, auditQuery } = await import("@/lib/schemas/audit");
const { getDb } = await import("@/lib/data/db");
type ServiceContext = import("@/lib/services/context").ServiceContext;

const organizationId = bench.organizationId;
const context: ServiceContext = {
  principal: { kind: "user", userId: "01HBXBENCH0000000000000000", organizationId, role: "AUDITOR", teamIds: [] },
  organizationId, path: `/${organizationId}/audit`,
  actor: { actorType: "USER", actorId: "01HBXBENCH0000000000000000", actorLabel: "bench@example.com", source: "API", ip: "127.0.0.1", userAgent: "bench-audit" },
};

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
const CASES: [string, Record<string, string>][] = [
  ["no filter", {}],
  ["action=secret.read (35%)", { action: "secret.read" }],
  ["action=secret.* (prefix, 60%)", { action: "secret.*" }],
  ["action=token.* (prefix, rare)", { action: "token.*" }],
  ["action=secret.history.purge (0.01%)", { action: "secret.history.purge" }],
  ["actor=busiest key id", { actor: bench.busyToken.id }],
  ["actor=quietest person id", { actor: bench.quietUser.id }],
  ["actor=label substring (grace@)", { actor: "grace@" }],
  ["outcome=denied", { outcome: "denied" }],
  ["outcome=error&source=explorer", { outcome: "error", source: "explorer" }],
  ["source=explorer", { source: "explorer" }],
  ["project=billing", { project: "billing" }],
  ["project=infra (least used)", { project: "infra" }],
  ["project+target+environment", { project: "billing", target: "web", environment: "production" }],
  ["environment=staging", { environment: "staging" }],
  ["resource=production/secrets", { resource: "production/secrets" }],
  ["resource=no-such-path (no match)", { resource: "no-such-path" }],
  ["one week, six months ago", { from: day(190), to: day(184) }],
  ["to=six months ago", { to: day(182) }],
  ["last 30 days & secret.decrypt & payments", { from: day(30), action: "secret.decrypt", project: "payments" }],
  ["busiest key & secret.* & denied", { actor: bench.busyToken.id, action: "secret.*", outcome: "denied" }],
  ["person & billing & success", { actor: bench.quietUser.id, project: "billing", outcome: "success" }],
  ["quietest person & to=six months ago", { actor: bench.quietUser.id, to: day(182) }],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(query: Record<string, string>): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS + 3; run++) {
    const started = performance.now();
    await listAuditEvents(context, auditQuery.parse(query));
    if (run >= 3) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

console.log(`audit log: ${bench.events.toLocaleString("en")} events in one organization; ${RUNS} runs per row, first page of 50 (query + the read's audit record)\n`);
console.log("| filters | matches on page | p50 | p95 |");
console.log("|---|---|---|---|");
let worst = 0;
for (const [name, query] of CASES) {
  const page = await listAuditEvents(context, auditQuery.parse(query));
  const times = await timed(query);
  const p95 = percentile(times, 95);
  worst = Math.max(worst, p95);
  console.log(`| ${name} | ${page.data.length} | ${percentile(times, 50).toFixed(1)} ms | ${p95.toFixed(1)} ms${p95 >= TARGET_MS ? " ✗" : ""} |`);
}

// A page far down the log: the cursor of an event six months back.
const db = await getDb();
const deep = await db.auditEvent.findFirstOrThrow({ where: { chainKey: organizationId, createdAt: { lt: new Date(Date.now() - 182 * 86_400_000) } }, orderBy: { createdAt: "desc" }, select: { id: true } });
const deepTimes = await timed({ cursor: deep.id, action: "secret.*" });
console.log(`| cursor six months back & secret.* | 50 | ${percentile(deepTimes, 50).toFixed(1)} ms | ${percentile(deepTimes, 95).toFixed(1)} ms |`);
worst = Math.max(worst, percentile(deepTimes, 95));
console.log(`\nworst p95: ${worst.toFixed(1)} ms (target < ${TARGET_MS} ms) — ${worst < TARGET_MS ? "met" : "NOT met"}`);

const verifyStarted = performance.now();
const verdict = await verifyAuditChain(organizationId);
console.log(`\nverify: ${verdict.intact ? "intact" : `broken at ${verdict.first_broken?.sequence}`}, ${verdict.events.toLocaleString("en")} events in ${((performance.now() - verifyStarted) / 1000).toFixed(1)} s`);

for (const format of ["jsonl", "csv"] as const) {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const exportStarted = performance.now();
  const response = auditExportResponse(await exportAuditEvents(context, auditExportQuery.parse({ format })), format, organizationId);
  const reader = response.body!.getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - exportStarted) / 1000;
  console.log(`export ${format}: ${lines.toLocaleString("en")} lines, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s; memory ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB`);
}
process.exit(0);
