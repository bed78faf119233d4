// What the benchmarks share (`npm run bench:api`, `npm run bench:keys`): a fresh PostgreSQL
// database, the production build (built into NEXT_DIST_DIR, default .next-bench, when missing),
// `next start` on it with generated secrets, and the seed's organization and allow-all token.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase, dropScratchDatabase } from "./scratch-database";

export const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";

export async function waitFor(url: string) {
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

export interface BenchServer {
  origin: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  seed: { organization_id: string; token: string };
  /** CPU seconds the server's processes have used so far (Linux `ps`), to tell its cost from the machine's load. */
  cpuSeconds(): number;
  /** Full (mark-compact) garbage collections of the server so far, from V8's `--trace-gc` lines. */
  majorGcs(): number;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

/** The node flags of package.json's `start` script: the words between `node` and next's bin. */
function startScriptNodeFlags(): string[] {
  const words: string[] = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.start.split(/\s+/);
  const node = words.indexOf("node");
  const next = words.indexOf("node_modules/next/dist/bin/next");
  return node >= 0 && next > node ? words.slice(node + 1, next) : [];
}

/** Builds when needed, starts `next start` on a fresh database, seeds it. */
export async function startBenchServer(port: number): Promise<BenchServer> {
  if (!fs.existsSync(path.join(DIST, "BUILD_ID"))) {
    console.log(`building into ${DIST} …`);
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST } });
  }
  const origin = `http://127.0.0.1:${port}`;
  const databaseUrl = await createScratchDatabase("dotenv_bench");
  const env = {
    ...process.env, NEXT_DIST_DIR: DIST, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: "production" as const,
    DOTENV_MASTER_KEY: randomBytes(32).toString("base64"), NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: origin, DOTENV_TOKEN_RATE_LIMIT: "100000000", DOTENV_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-bench-")),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // `next start` in node with the flags `npm start` gives it, so that what is measured is what is
  // deployed, and with `--trace-gc`, whose lines on stdout are counted: full collections are what
  // the latency tail at a fixed rate is made of.
  // BENCH_CPU_PROF=<dir>: under `--cpu-prof` too (the profile is written there when it exits).
  // BENCH_NODE_FLAGS: more node/V8 flags for the server (e.g. GC settings being measured; later
  // flags win, so `--v8-pool-size=4 --heap-growing-percent=0` here measures node's defaults).
  const profile = process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const nodeFlags = [...startScriptNodeFlags(), "--trace-gc", ...profile, ...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [])];
  const server = spawn(process.execPath, [...nodeFlags, "node_modules/next/dist/bin/next", "start", "--port", String(port)], {
    env, stdio: ["ignore", "pipe", "ignore"], detached: true,
  });
  let fullCollections = 0;
  let partialLine = "";
  server.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (partialLine + chunk).split("\n");
    partialLine = lines.pop() ?? "";
    fullCollections += lines.filter((line) => line.includes("Mark-Compact")).length;
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const stop = async () => {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
    await exited;
    await dropScratchDatabase(databaseUrl);
  };
  const cpuSeconds = () =>
    execFileSync("ps", ["-o", "times=", "-g", String(server.pid)], { encoding: "utf8" }).split("\n").map(Number).filter(Number.isFinite).reduce((sum, seconds) => sum + seconds, 0);
  try {
    await waitFor(`${origin}/api/health`);
    const seed = JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts", "--json"], { env, encoding: "utf8" }).trim().split("\n").at(-1)!);
    return { origin, databaseUrl, env, seed, cpuSeconds, majorGcs: () => fullCollections, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
