// `npm run bench:keys`: re-encrypting history on PostgreSQL, server-managed, over real HTTP (the
// key lifecycle issue; target ≥ 2,000 versions/s). 10,000 history versions of 10 names each are
// written straight into a fresh database (sealed with the project's key, as writes would leave
// them), the key is rotated through the API, and POST …/keys/reencrypt-history is called batch
// after batch until done — timed from the first call to the last answer. Needs a production build
// in NEXT_DIST_DIR (default .next-bench; built when missing) and BENCH_DATABASE_URL or
// TEST_DATABASE_URL. BENCH_VERSIONS / BENCH_NAMES change the size.
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { newId } from "@/lib/data/ids";
import { importDataKey, sealBlob } from "@/lib/crypto";
import { startBenchServer } from "./bench-server";

const PORT = Number(process.env.BENCH_PORT ?? 3402);
const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 10_000);
const NAMES = Number(process.env.BENCH_NAMES ?? 10);
const TARGET = 2_000;

async function main() {
  const server = await startBenchServer(PORT);
  const database = new pg.Client({ connectionString: server.databaseUrl });
  try {
    const base = `${server.origin}/api/v1/${server.seed.organization_id}`;
    const call = async <T>(path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${base}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { Authorization: `Bearer ${server.seed.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()).data as T;
    };

    // History under key version 1: what months of writes to my-app/backend/production leave behind.
    const key = await call<{ data_key: string }>("/secrets/retrieve", { project: "my-app", action: "key:retrieve" });
    const dataKey = await importDataKey(key.data_key);
    await database.connect();
    const [level] = (await database.query(`SELECT l.id FROM "SecretLevel" l JOIN "Environment" e ON e.id = l."environmentId" WHERE e.slug = 'production'`)).rows;
    console.log(`writing ${VERSIONS} history versions of ${NAMES} names each …`);
    for (let offset = 0; offset < VERSIONS; offset += 1000) {
      const count = Math.min(1000, VERSIONS - offset);
      const blobs = await Promise.all(Array.from({ length: count }, () =>
        sealBlob(dataKey, Object.fromEntries(Array.from({ length: NAMES }, (_, name) => [`SECRET_${name}`, randomBytes(24).toString("base64")])))));
      await database.query(
        `INSERT INTO "SecretVersion" ("id", "levelId", "version", "blob", "keyVersion", "source", "actorType", "actorLabel", "namesAdded", "namesRemoved", "namesChanged")
         SELECT id, $1, version, blob, 1, 'API', 'SYSTEM', 'bench', '{}', '{}', '{}' FROM unnest($2::text[], $3::int[], $4::text[]) AS t(id, version, blob)`,
        [level.id, Array.from({ length: count }, () => newId()), Array.from({ length: count }, (_, index) => 100 + offset + index), blobs],
      );
    }
    await database.query(`ANALYZE "SecretVersion"`);

    const rotated = await call<{ version: number; stale_versions: number }>("/my-app/keys/rotate", {});
    console.log(`rotated to key version ${rotated.version}; ${rotated.stale_versions} versions to re-encrypt`);
    const cpuBefore = server.cpuSeconds();
    const started = performance.now();
    let done = 0;
    let batches = 0;
    for (let cursor: string | null = null; ; batches++) {
      const batch: { done: boolean; re_encrypted: number; next_cursor: string | null } = await call("/my-app/keys/reencrypt-history", cursor ? { cursor } : {});
      done += batch.re_encrypted;
      if (batch.done) break;
      cursor = batch.next_cursor;
    }
    const seconds = (performance.now() - started) / 1000;
    const serverCpu = server.cpuSeconds() - cpuBefore;
    const [left] = (await database.query(`SELECT count(*)::int AS n FROM "SecretVersion" WHERE "keyVersion" <> $1`, [rotated.version])).rows;
    if (left.n !== 0 || done !== rotated.stale_versions) throw new Error(`re-encryption incomplete: ${done} done, ${left.n} left`);
    const sample = await call<{ key_version: number; secrets: Record<string, string> }>(`/my-app/backend/production/secrets/versions/${100 + Math.floor(VERSIONS / 2)}?decrypt=true`);
    if (sample.key_version !== rotated.version || Object.keys(sample.secrets).length !== NAMES) throw new Error("a re-encrypted version does not open under the new key");

    // What a request costs the server when there is nothing left to do: authentication, the
    // access plan, the rate limit, the audit event — the floor under every batch.
    const idleBefore = server.cpuSeconds();
    for (let i = 0; i < 50; i++) await call("/my-app/keys/reencrypt-history", {});
    const idleCpu = (server.cpuSeconds() - idleBefore) / 50;

    const rate = done / seconds;
    console.log(`\nPostgreSQL, next start, server-managed re-encryption over HTTP (batches of 200), client and server on the same 2 cores`);
    console.log(`  ${done} versions × ${NAMES} names in ${batches + 1} requests: ${seconds.toFixed(2)} s → ${rate.toFixed(0)} versions/s (target ≥ ${TARGET})`);
    console.log(`  a request with nothing left to re-encrypt costs the server ${(idleCpu * 1000).toFixed(0)} ms of CPU`);
    console.log(`  the app server used ${serverCpu.toFixed(1)} CPU-seconds: ${(done / Math.max(serverCpu, 0.01)).toFixed(0)} versions per CPU-second; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    console.log(rate >= TARGET ? "  target met" : "  TARGET NOT MET");
  } finally {
    await database.end().catch(() => undefined);
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
