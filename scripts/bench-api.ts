// `npm run bench:api`: throughput and latency of GET …/secrets against a trivial route, on
// PostgreSQL, in one run (the API performance issue). Needs a production build in
// NEXT_DIST_DIR (default .next-bench; built when missing) and BENCH_DATABASE_URL or
// TEST_DATABASE_URL (a server where it may create a database).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { importDataKey, sealBlob } from "@/lib/crypto";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

async function createDatabase(): Promise<string> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("Set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server.");
  const name = `dotenv_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitFor(url: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

function run(title: string, url: string, headers: Record<string, string>, rate?: number) {
  return autocannon({ title, url, headers, connections: rate ? 8 : CONNECTIONS, duration: DURATION, ...(rate ? { overallRate: rate } : {}) });
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "BUILD_ID"))) {
    console.log(`building into ${DIST} …`);
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST } });
  }
  const databaseUrl = await createDatabase();
  const env = {
    ...process.env, NEXT_DIST_DIR: DIST, DATABASE_URL: databaseUrl, PORT: String(PORT), NODE_ENV: "production" as const,
    DOTENV_MASTER_KEY: randomBytes(32).toString("base64"), NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: ORIGIN, DOTENV_TOKEN_RATE_LIMIT: "100000000", DOTENV_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-bench-")),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const server = spawn("npx", ["next", "start", "--port", String(PORT)], { env, stdio: "ignore", detached: true });
  try {
    await waitFor(`${ORIGIN}/api/health`);
    const seed = JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts", "--json"], { env, encoding: "utf8" }).trim().split("\n").at(-1)!);
    const auth = { Authorization: `Bearer ${seed.token}` };
    const base = `${ORIGIN}/api/v1/${seed.organization_id}`;

    // 50 names at the environment level, encrypted locally with the key the API hands out.
    const key = await (await fetch(`${base}/secrets/retrieve`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ project: "my-app", action: "key:retrieve" }) })).json();
    const dataKey = await importDataKey(key.data.data_key);
    const values = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`SECRET_${String(i).padStart(2, "0")}`, randomBytes(24).toString("base64")]));
    const stored = await fetch(`${base}/secrets/store`, {
      method: "POST", headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ project: "my-app", target: "backend", environment: "production", content: await sealBlob(dataKey, values) }),
    });
    if (!stored.ok) throw new Error(`store failed: ${stored.status} ${await stored.text()}`);

    const secretsUrl = `${base}/my-app/backend/production/secrets?merge=true`;
    const cases = [
      { name: "trivial route (GET /api/health/live)", url: `${ORIGIN}/api/health/live`, headers: {} },
      { name: "GET secrets, 50 names, merge=true", url: secretsUrl, headers: auth },
      { name: "GET secrets, 50 names, merge=true, decrypt=true", url: `${secretsUrl}&decrypt=true`, headers: auth },
    ];
    for (const c of cases) await run("warmup", c.url, c.headers).then(() => undefined); // JIT, caches, derived keys
    console.log(`\nPostgreSQL, next start, ${DURATION}s per run, load generator on the same 2 cores\n`);
    console.log("saturation (" + CONNECTIONS + " connections):");
    let baseline = 0;
    for (const c of cases) {
      const result = await run(c.name, c.url, c.headers);
      baseline ||= result.requests.average;
      console.log(`  ${c.name.padEnd(52)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms  ratio ${(result.requests.average / baseline).toFixed(2)}  non-2xx ${result.non2xx}`);
    }
    console.log("fixed rate 200 requests/s:");
    for (const c of cases) {
      const result = await run(c.name, c.url, c.headers, 200);
      console.log(`  ${c.name.padEnd(52)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms  non-2xx ${result.non2xx}`);
    }
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
