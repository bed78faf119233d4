// `npm test` fault stage (also `npm run test:fault`): what a bad day does to writes, on a real
// PostgreSQL that this script owns (its own cluster in a temporary folder, so nothing else on the
// machine is disturbed) and the production build of the app.
//
//   1. Database outage: writers store versions of their own levels without pause; PostgreSQL is
//      stopped for 5 s and started again. Every acknowledged write (2xx) must be in the level's
//      history with its value; no write answered with an error may have been applied; the first
//      successful write after the restart must come within 5 s.
//   2. The app killed mid-store (SIGKILL while stores are in flight), then started again: each
//      level holds either its old content or exactly one of the contents that were being stored.
//
// Needs the PostgreSQL 15 server binaries and, when run as root, the `postgres` account (the
// server refuses to run as root). Prints what it measured; exits 1 on any violation.

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { importDataKey, sealBlob } from "@/lib/crypto";

const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const OUTAGE_MS = 5_000;
const WRITERS = 4;

interface Seed {
  organization_id: string;
  token: string;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(PG_BIN, "pg_ctl"))) {
    console.log(`fault suite SKIPPED: no PostgreSQL server binaries in ${PG_BIN} (set PG_BIN).`);
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-fault-"));
  fs.chmodSync(work, 0o777);
  const database = new Cluster(path.join(work, "pg"), await freePort());
  let app: App | undefined;
  try {
    database.init();
    database.start();
    const url = database.url("dotenv_fault");
    database.createDatabase("dotenv_fault");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      DOTENV_MASTER_KEY: randomBytes(32).toString("base64"),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      DOTENV_DATA_DIR: path.join(work, "data"),
      DOTENV_TOKEN_RATE_LIMIT: "100000",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const serverLog = path.join(work, "server.log");
    app = await App.start(env, await freePort(), serverLog);
    const seed = JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts", "--json"], { env: { ...env, NODE_ENV: "development" }, encoding: "utf8" }).trim().split("\n").at(-1)!) as Seed;
    const api = new Api(app.origin, seed);
    const seal = await api.sealer();

    const outage = await databaseOutage(api, seal, database);
    const logged = fs.readFileSync(serverLog, "utf8").split("\n").filter((line) => /request [0-9a-f-]{36} .* failed/.test(line)).length;
    console.log(`fault suite: the server logged ${logged} failed requests during the outage, each with a request id`);
    const crash = await killMidStore(api, seal, app, env, serverLog);
    app = crash.app;
    report([...outage, ...crash.violations]);
  } finally {
    app?.stop();
    database.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 1. A 5-second database outage under write load.

interface Attempt {
  value: string;
  status: number | "no answer";
  version?: number;
  at: number;
}

async function databaseOutage(api: Api, seal: (values: Record<string, string>) => Promise<string>, database: Cluster): Promise<string[]> {
  const environments = await Promise.all(Array.from({ length: WRITERS }, (_, index) => api.environment(`fault-${index}`)));
  const attempts = new Map<string, Attempt[]>(environments.map((environment) => [environment, []]));
  let running = true;
  const writers = environments.map(async (environment) => {
    for (let round = 0; running; round++) {
      const value = `${environment}-${round}-${randomBytes(4).toString("hex")}`;
      const started = Date.now();
      const result = await api.store(environment, await seal({ VALUE: value })).catch(() => ({ status: "no answer" as const, version: undefined }));
      attempts.get(environment)!.push({ value, status: result.status, version: result.version, at: started });
      if (result.status !== 200) await sleep(100);
    }
  });
  await sleep(2_000);
  database.stop();
  await sleep(OUTAGE_MS);
  database.start();
  const restartedAt = Date.now();
  await sleep(8_000);
  running = false;
  await Promise.all(writers);

  const violations: string[] = [];
  let acknowledged = 0;
  let refused = 0;
  let firstAfterRestart = Infinity;
  for (const [environment, list] of attempts) {
    const history = await api.history(environment);
    for (const attempt of list) {
      const stored = history.get(attempt.value);
      if (attempt.status === 200) {
        acknowledged++;
        if (stored === undefined) violations.push(`outage: an acknowledged write of ${environment} (version ${attempt.version}) is missing`);
        else if (stored !== attempt.version) violations.push(`outage: ${environment} version ${attempt.version} was answered, ${stored} stored`);
        if (attempt.at >= restartedAt) firstAfterRestart = Math.min(firstAfterRestart, attempt.at - restartedAt);
      } else if (attempt.status !== "no answer") {
        refused++;
        if (stored !== undefined) violations.push(`outage: a write of ${environment} answered ${attempt.status} was applied (version ${stored})`);
      }
    }
  }
  const recovery = firstAfterRestart === Infinity ? null : firstAfterRestart;
  if (recovery === null || recovery > 5_000) violations.push(`outage: no successful write within 5 s of the restart (${recovery ?? "none"} ms)`);
  console.log(
    `fault suite: database stopped for ${OUTAGE_MS} ms under ${WRITERS} writers: ${acknowledged} writes acknowledged, ${refused} refused with an error, ` +
      `first write ${recovery ?? "never"} ms after the restart; ${violations.length} violations`,
  );
  return violations;
}

// ---------------------------------------------------------------------------------------------
// 2. The app killed while stores are in flight.

async function killMidStore(api: Api, seal: (values: Record<string, string>) => Promise<string>, app: App, env: NodeJS.ProcessEnv, log: string): Promise<{ app: App; violations: string[] }> {
  const environments = await Promise.all(Array.from({ length: 6 }, (_, index) => api.environment(`crash-${index}`)));
  const before = new Map<string, string>();
  for (const environment of environments) {
    const value = `${environment}-before`;
    await api.store(environment, await seal({ VALUE: value }));
    before.set(environment, value);
  }
  const submitted = new Map(environments.map((environment) => [environment, new Set<string>()]));
  const inFlight = environments.flatMap((environment) =>
    Array.from({ length: 3 }, async (_, index) => {
      const value = `${environment}-crash-${index}-${randomBytes(3).toString("hex")}`;
      submitted.get(environment)!.add(value);
      // A large blob keeps the store busy long enough to be cut off.
      const filler = Object.fromEntries(Array.from({ length: 400 }, (_, n) => [`FILLER_${n}`, randomBytes(200).toString("hex")]));
      return api.store(environment, await seal({ VALUE: value, ...filler })).catch(() => null);
    }),
  );
  await sleep(150);
  app.kill();
  await Promise.all(inFlight);
  const restarted = await App.start(env, app.port, log);
  const violations: string[] = [];
  for (const environment of environments) {
    const current = await api.current(environment);
    const allowed = new Set([before.get(environment)!, ...submitted.get(environment)!]);
    if (current === undefined || !allowed.has(current)) violations.push(`crash: ${environment} holds neither its old content nor one that was being stored`);
  }
  console.log(`fault suite: app killed with ${inFlight.length} stores in flight; after the restart every level holds its old or a complete new content: ${violations.length === 0 ? "yes" : "NO"}`);
  return { app: restarted, violations };
}

// ---------------------------------------------------------------------------------------------
// The pieces: a PostgreSQL cluster of our own, the app server, and an API client.

class Cluster {
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  private pg(binary: string, args: string[]): string {
    const command = [path.join(PG_BIN, binary), ...args];
    // PostgreSQL refuses to run as root: as root, run it as the postgres account.
    const asRoot = process.getuid?.() === 0;
    return execFileSync(asRoot ? "runuser" : command[0]!, asRoot ? ["-u", "postgres", "--", ...command] : command.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  init(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres", this.dir]);
    this.pg("initdb", ["-D", this.dir, "-U", "fault", "--auth=trust", "-E", "UTF8"]);
  }

  start(): void {
    this.pg("pg_ctl", ["-D", this.dir, "-o", `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`, "-w", "-l", path.join(this.dir, "log"), "start"]);
  }

  stop(): void {
    try {
      this.pg("pg_ctl", ["-D", this.dir, "-m", "fast", "-w", "stop"]);
    } catch {
      // already stopped
    }
  }

  createDatabase(name: string): void {
    this.pg("createdb", ["-h", "127.0.0.1", "-p", String(this.port), "-U", "fault", name]);
  }

  url(database: string): string {
    return `postgres://fault@127.0.0.1:${this.port}/${database}`;
  }
}

class App {
  private constructor(
    readonly process: ChildProcess,
    readonly port: number,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The server's own output goes to `log` (an outage makes it log every failed request, by design). */
  static async start(env: NodeJS.ProcessEnv, port: number, log: string): Promise<App> {
    const out = fs.openSync(log, "a");
    const child = spawn("npx", ["next", "start", "--port", String(port)], { env, stdio: ["ignore", out, out], detached: true });
    const app = new App(child, port);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const ready = await fetch(`${app.origin}/api/health`).then((response) => response.ok).catch(() => false);
      if (ready) return app;
      await sleep(250);
    }
    app.stop();
    throw new Error("the app did not become ready within 60 s");
  }

  /** SIGKILL to the whole process group: no graceful shutdown, as a crash. */
  kill(): void {
    try {
      process.kill(-this.process.pid!, "SIGKILL");
    } catch {
      // gone already
    }
  }

  stop(): void {
    try {
      process.kill(-this.process.pid!, "SIGTERM");
    } catch {
      // gone already
    }
  }
}

class Api {
  constructor(
    readonly origin: string,
    readonly seed: Seed,
  ) {}

  private async call(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.origin}/api/v1/${this.seed.organization_id}${route}`, {
      method,
      headers: { Authorization: `Bearer ${this.seed.token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  async sealer(): Promise<(values: Record<string, string>) => Promise<string>> {
    const key = await this.call("POST", "/secrets/retrieve", { project: "my-app", action: "key:retrieve" });
    const dataKey = await importDataKey(key.body.data.data_key);
    return (values) => sealBlob(dataKey, values);
  }

  async environment(slug: string): Promise<string> {
    const created = await this.call("POST", "/projects/my-app/targets/backend/environments", { slug });
    if (created.status !== 201) throw new Error(`could not create environment ${slug}: ${created.status}`);
    return slug;
  }

  async store(environment: string, content: string): Promise<{ status: number; version?: number }> {
    const stored = await this.call("POST", "/secrets/store", { project: "my-app", target: "backend", environment, content });
    return { status: stored.status, version: stored.body?.data?.version };
  }

  /** value → version, for every version of the level's history. */
  async history(environment: string): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page = await this.call("GET", `/my-app/backend/${environment}/secrets/versions?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      for (const version of page.body.data as { version: number }[]) {
        const content = await this.call("GET", `/my-app/backend/${environment}/secrets/versions/${version.version}?decrypt=true`);
        const value = content.body.data.secrets.VALUE as string | undefined;
        if (value !== undefined) found.set(value, version.version);
      }
      cursor = page.body.meta?.next_cursor ?? null;
    } while (cursor);
    return found;
  }

  async current(environment: string): Promise<string | undefined> {
    const read = await this.call("GET", `/my-app/backend/${environment}/secrets?decrypt=true&merge=false`);
    return read.body?.data?.attributes?.levels?.environment?.VALUE;
  }
}

function report(violations: string[]): void {
  if (violations.length === 0) {
    console.log("fault suite: passed");
    return;
  }
  console.error(`fault suite: FAILED\n  ${violations.join("\n  ")}`);
  process.exitCode = 1;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  console.error(`fault suite: could not run: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
