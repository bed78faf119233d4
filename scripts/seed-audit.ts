// `npm run seed:audit`: a PostgreSQL database with one organization whose audit log holds
// 1,000,000 events (AUDIT_EVENTS overrides), for `npm run bench:audit`. The events look like a
// year of a busy organization — people and CI keys reading and writing secrets across a dozen
// projects, refusals, the odd error — and form a valid hash chain with checkpoints and anchors,
// so verification can be timed too. Rows go in 5,000 at a time (one INSERT … SELECT FROM unnest
// per batch, hashed while the previous batch is inserted, the indexes built once at the end). The database
// (`dotenv_bench_audit` on BENCH_DATABASE_URL or TEST_DATABASE_URL) is reused while it holds a
// complete seed of the same size; `--fresh` starts over.
import { ulid } from "ulid";
import pg from "pg";
import { migratePostgres } from "@/lib/data/migrate";
import { auditEventHash, checkpointInterval, GENESIS_HASH, type ChainedEvent } from "@/lib/services/audit/chain";

export const BENCH_ORGANIZATION_NAME = "Audit bench";
const DATABASE = process.env.AUDIT_BENCH_DATABASE ?? "dotenv_bench_audit";
const BATCH = 5_000;
const YEAR_MS = 365 * 86_400_000;

export interface AuditBench {
  url: string;
  organizationId: string;
  events: number;
  /** Ids and labels the benchmark filters by. */
  busyToken: { id: string; label: string };
  quietUser: { id: string; label: string };
}

/** A deterministic pseudo-random sequence (mulberry32), so every seed is the same log. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(next: () => number, items: [T, number][]): () => T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let pick = next() * total;
    for (const [item, weight] of items) if ((pick -= weight) < 0) return item;
    return items.at(-1)![0];
  };
}

const PROJECTS = ["billing", "checkout", "search", "payments", "storefront", "mobile-api", "data-pipeline", "auth", "notifications", "admin", "analytics", "infra"];
const TARGETS = ["web", "api", "worker"];
const ENVIRONMENTS: [string, number][] = [["production", 50], ["staging", 30], ["development", 20]];
const FIRST_NAMES = ["ada", "grace", "alan", "barbara", "edsger", "margaret", "linus", "ken", "dennis", "frances", "john", "radia", "leslie", "donald", "shafi",
  "tim", "vint", "bjarne", "guido", "james", "anders", "yukihiro", "rasmus", "larry", "brendan", "sophie", "hedy", "katherine", "mary", "annie",
  "jean", "karen", "lynn", "evelyn", "adele", "ida", "kathleen", "betty", "marlyn", "ruth"];
const KEYS = ["ci deploy", "ci test", "staging sync", "backup job", "billing worker", "search indexer", "k8s operator", "terraform", "release bot",
  "nightly export", "mobile build", "data loader", "monitoring", "preview envs", "legacy cron"];

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A fixed, valid ULID per bench actor, so every seed (and every run of the bench) names the same ones. */
function benchId(kind: number, index: number): string {
  let tail = "";
  for (let value = index; tail.length < 15; value = Math.floor(value / 32)) tail = CROCKFORD[value % 32] + tail;
  return `01HBXBENCH${kind}${tail}`;
}

interface Actor {
  type: "USER" | "TOKEN";
  id: string;
  label: string;
  ip: string;
}

/** The organization's log: actors, actions and paths drawn with fixed weights. */
function eventSource(organizationId: string, next: () => number) {
  const users: Actor[] = FIRST_NAMES.map((name, index) => ({ type: "USER", id: benchId(1, index), label: `${name}@example.com`, ip: `10.0.${index}.10` }));
  const tokens: Actor[] = KEYS.map((name, index) => ({
    type: "TOKEN", id: benchId(2, index), label: `${name} (key_${String(index).padStart(16, "0")})`, ip: `10.1.${index}.20`,
  }));
  // A few keys and people do most of the work (roughly Zipf).
  const actor = weighted(next, [...tokens.map((token, index): [Actor, number] => [token, 40 / (index + 1)]), ...users.map((user, index): [Actor, number] => [user, 20 / (index + 1)])]);
  const project = weighted(next, PROJECTS.map((slug, index): [string, number] => [slug, 12 / (index + 1)]));
  const environment = weighted(next, ENVIRONMENTS);
  const action = weighted<string>(next, [
    ["secret.read", 3500], ["secret.decrypt", 1500], ["key.retrieve", 500], ["secret.write", 600], ["secret.history.list", 300], ["secret.history.read", 100],
    ["project.read", 300], ["project.list", 400], ["target.list", 200], ["environment.list", 300], ["member.list", 200], ["token.list", 100],
    ["audit.read", 200], ["organization.read", 400], ["token.whoami", 500], ["user.whoami", 300], ["organization.access", 100], ["secret.restore", 10],
    ["token.create", 3], ["token.rotate", 1], ["token.delete", 1], ["member.invite", 1], ["member.update", 1], ["project.create", 1], ["environment.create", 1],
    ["secret.version.delete", 1], ["secret.history.purge", 1], ["team.update", 1],
  ]);
  const outcome = weighted<ChainedEvent["outcome"]>(next, [["SUCCESS", 95], ["DENIED", 4], ["ERROR", 1]]);
  const base = `/${organizationId}`;
  return { users, tokens, draw(): Omit<ChainedEvent, "id" | "chainKey" | "sequence" | "organizationId" | "createdAt" | "prevHash" | "anchorSequence" | "anchorHash"> {
    const who = next() < 0.01 ? null : actor();
    const name = action();
    const slug = project();
    const target = TARGETS[Math.floor(next() * TARGETS.length)]!;
    const env = environment();
    const level = { project: slug, target, environment: env, level: "environment" };
    let resourcePath = base;
    let metadata: Record<string, unknown> = {};
    if (name.startsWith("secret.") || name === "key.retrieve") {
      resourcePath = `${base}/${slug}/${target}/${env}/secrets${name.includes("history") || name.includes("version") ? "/versions" : ""}`;
      metadata = name === "key.retrieve" ? { project: slug, version: 1, custody: "server" } : { ...level, names: ["DATABASE_URL", "API_KEY", "LOG_LEVEL"].slice(0, 1 + Math.floor(next() * 3)) };
    } else if (name.startsWith("project.")) {
      resourcePath = name === "project.list" ? `${base}/projects` : `${base}/projects/${slug}`;
      metadata = name === "project.list" ? { count: PROJECTS.length } : { slug };
    } else if (name === "target.list") {
      resourcePath = `${base}/projects/${slug}/targets`;
      metadata = { project: slug, count: TARGETS.length };
    } else if (name.startsWith("environment.")) {
      resourcePath = `${base}/projects/${slug}/targets/${target}/environments`;
      metadata = { project: slug, target, ...(name === "environment.create" ? { slug: env } : { count: 3 }) };
    } else if (name.startsWith("token.")) {
      resourcePath = `${base}/${name === "token.whoami" ? "whoami" : "tokens"}`;
    } else if (name.startsWith("member.")) {
      resourcePath = `${base}/members`;
    } else if (name === "audit.read") {
      resourcePath = `${base}/audit`;
      metadata = { count: 50, filters: [] };
    } else if (name === "team.update") {
      resourcePath = `${base}/teams/platform`;
      metadata = { slug: "platform" };
    } else if (name === "user.whoami") {
      resourcePath = `${base}/whoami`;
    }
    const result = name === "organization.access" ? "DENIED" : outcome();
    if (result === "DENIED") metadata = { ...metadata, permission: "secret:decrypt", reason: "missing_permission" };
    const source: ChainedEvent["source"] = who === null ? "API" : who.type === "TOKEN" ? (next() < 0.6 ? "CLI" : next() < 0.93 ? "API" : "EXPLORER") : next() < 0.9 ? "DASHBOARD" : "EXPLORER";
    return {
      actorType: who ? who.type : "ANONYMOUS", actorId: who?.id ?? null, actorLabel: who?.label ?? "anonymous", source, action: name, resourcePath,
      outcome: result, status: result === "SUCCESS" ? 200 : result === "DENIED" ? 403 : 503,
      ip: who?.ip ?? "198.51.100.23", userAgent: source === "CLI" ? "dotenv-cli/0.1.0" : source === "DASHBOARD" ? "Mozilla/5.0 (X11; Linux x86_64)" : "curl/8.5.0",
      metadata,
    };
  } };
}

async function adminClient(): Promise<{ admin: pg.Client; urlOf: (name: string) => string }> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("Set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server where a database may be created.");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return { admin, urlOf };
}

/** The bench database, seeded if it is not already (or with `fresh`). */
export async function ensureAuditBench(options: { events?: number; fresh?: boolean } = {}): Promise<AuditBench> {
  const events = options.events ?? Number(process.env.AUDIT_EVENTS ?? 1_000_000);
  const { admin, urlOf } = await adminClient();
  const url = urlOf(DATABASE);
  try {
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE])).rowCount === 1;
    if (exists && !options.fresh) {
      const found = await existingSeed(url, events);
      if (found) return found;
    }
    if (exists) await admin.query(`DROP DATABASE "${DATABASE}"`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await admin.end();
  }
  await migratePostgres(url);
  return seed(url, events);
}

async function existingSeed(url: string, events: number): Promise<AuditBench | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query(
      `SELECT o."id", h."sequence", o."name" FROM "Organization" o JOIN "AuditChainHead" h ON h."chainKey" = o."id" WHERE o."name" = $1`,
      [BENCH_ORGANIZATION_NAME],
    ).catch(() => null);
    const row = rows?.rows[0] as { id: string; sequence: number } | undefined;
    if (!row || row.sequence < events) return null;
    const source = eventSource(row.id, random(1));
    return { url, organizationId: row.id, events: row.sequence, ...benchActors(source) };
  } finally {
    await client.end();
  }
}

function benchActors(source: ReturnType<typeof eventSource>) {
  const busy = source.tokens[0]!;
  const quiet = source.users.at(-1)!;
  return { busyToken: { id: busy.id, label: busy.label }, quietUser: { id: quiet.id, label: quiet.label } };
}

const COLUMNS = [
  ["id", "text"], ["chainKey", "text"], ["sequence", "int"], ["organizationId", "text"], ["createdAt", "timestamp(3)"], ["actorType", '"ActorType"'],
  ["actorId", "text"], ["actorLabel", "text"], ["source", '"Source"'], ["action", "text"], ["resourcePath", "text"], ["outcome", '"Outcome"'],
  ["status", "int"], ["ip", "text"], ["userAgent", "text"], ["metadata", "jsonb"], ["prevHash", "text"], ["hash", "text"],
  ["anchorSequence", "int"], ["anchorHash", "text"],
] as const;

async function seed(url: string, events: number): Promise<AuditBench> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    const organizationId = ulid();
    await client.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ($1, $2, now())`, [organizationId, BENCH_ORGANIZATION_NAME]);
    // Built once at the end: cheaper than maintaining them row by row.
    const indexes = (await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'AuditEvent' AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%'`,
    )).rows as { indexname: string; indexdef: string }[];
    for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);

    const source = eventSource(organizationId, random(1));
    const interval = checkpointInterval();
    const start = Date.now() - YEAR_MS;
    const step = YEAR_MS / events;
    let previous = GENESIS_HASH;
    let anchor: { sequence: number; hash: string } | null = null;
    const insert = `INSERT INTO "AuditEvent" (${COLUMNS.map(([name]) => `"${name}"`).join(", ")})
      SELECT * FROM unnest(${COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(", ")})`;
    let pending: Promise<void> = Promise.resolve();
    for (let first = 1; first <= events; first += BATCH) {
      const columns: unknown[][] = COLUMNS.map(() => []);
      const checkpoints: [number, string][] = [];
      for (let sequence = first; sequence < Math.min(first + BATCH, events + 1); sequence++) {
        const event: ChainedEvent = {
          id: ulid(start + sequence * step), chainKey: organizationId, sequence, organizationId, createdAt: new Date(Math.floor(start + sequence * step)),
          ...source.draw(), prevHash: previous, anchorSequence: anchor?.sequence ?? null, anchorHash: anchor?.hash ?? null,
        };
        const hash = auditEventHash(event);
        const row = [event.id, event.chainKey, event.sequence, event.organizationId, event.createdAt.toISOString(), event.actorType, event.actorId, event.actorLabel,
          event.source, event.action, event.resourcePath, event.outcome, event.status, event.ip, event.userAgent, JSON.stringify(event.metadata), event.prevHash, hash,
          event.anchorSequence, event.anchorHash];
        row.forEach((value, index) => columns[index]!.push(value));
        if (sequence % interval === 0) {
          checkpoints.push([sequence, hash]);
          anchor = { sequence, hash };
        }
        previous = hash;
      }
      // The database inserts this batch while the next one is built and hashed.
      await pending;
      pending = (async () => {
        await client.query(insert, columns);
        if (checkpoints.length) {
          await client.query(
            `INSERT INTO "AuditCheckpoint" ("chainKey", "sequence", "hash", "organizationId") SELECT $1, s, h, $1 FROM unnest($2::int[], $3::text[]) AS c(s, h)`,
            [organizationId, checkpoints.map(([sequence]) => sequence), checkpoints.map(([, hash]) => hash)],
          );
        }
      })();
      if ((first - 1) % 100_000 === 0) process.stderr.write(`  ${first - 1} events (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
    await pending;
    await client.query(
      `INSERT INTO "AuditChainHead" ("chainKey", "sequence", "hash", "anchorSequence", "anchorHash") VALUES ($1, $2, $3, $4, $5)`,
      [organizationId, events, previous, anchor?.sequence ?? null, anchor?.hash ?? null],
    );
    process.stderr.write(`  indexes…\n`);
    for (const index of indexes) await client.query(index.indexdef);
    await client.query(`VACUUM ANALYZE "AuditEvent"`);
    process.stderr.write(`  seeded ${events} events in ${Math.round((Date.now() - started) / 1000)} s\n`);
    return { url, organizationId, events, ...benchActors(source) };
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bench = await ensureAuditBench({ fresh: process.argv.includes("--fresh") });
  console.log(JSON.stringify({ database: bench.url.replace(/\/\/[^@]*@/, "//…@"), organization_id: bench.organizationId, events: bench.events }));
}
