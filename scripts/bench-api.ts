// `npm run bench:api`: throughput and latency of GET …/secrets against a trivial route, on
// PostgreSQL, in one run (the API performance issue). Needs a production build in
// NEXT_DIST_DIR (default .next-bench; built when missing) and BENCH_DATABASE_URL or
// TEST_DATABASE_URL (a server where it may create a database).
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { importDataKey, sealBlob } from "@/lib/crypto";
import { startBenchServer } from "./bench-server";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

function run(title: string, url: string, headers: Record<string, string>, rate?: number) {
  return autocannon({ title, url, headers, connections: rate ? 8 : CONNECTIONS, duration: DURATION, ...(rate ? { overallRate: rate } : {}) });
}

async function main() {
  const server = await startBenchServer(PORT);
  try {
    const { seed } = server;
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
    server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
