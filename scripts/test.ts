import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureChromium } from "./chromium";

// `npm test`: every check the project has, in order, stopping at the first failure.
//   static  npm run typecheck, npm run lint, npm run check:deps (the layer order, no cycles)
//   unit    vitest on the embedded PGlite database (unit + integration tests)
//   db      the *.db.test.ts integration tests again on PostgreSQL (needs TEST_DATABASE_URL)
//   e2e     Chromium, next build (unless SKIP_BUILD=1), playwright test (the config starts the server)
//   fault   scripts/fault-suite.ts on the same build: a database outage under write load and an app
//           killed mid-store, on a PostgreSQL cluster of its own (skipped without the server binaries)
// `npm test -- --only=static|unit|db|e2e|fault` runs one stage. CI judges by the exit code.

type Stage = "static" | "unit" | "db" | "e2e" | "fault";
const STAGES: Stage[] = ["static", "unit", "db", "e2e", "fault"];

class StageFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const DB_SKIP_MESSAGE =
  "PostgreSQL integration run SKIPPED: set TEST_DATABASE_URL=postgres://user:pass@host:5432/db " +
  "to run the integration tests on PostgreSQL too.";

// ---------------------------------------------------------------------------------------------
// Child processes: output forwarded live, signals forwarded, at most one child at a time.

let current: ReturnType<typeof spawn> | undefined;
let interruptedBy: NodeJS.Signals | undefined;
const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interruptedBy) return;
    interruptedBy = signal;
    console.error(`\ntest: received ${signal}, stopping...`);
    if (current && current.exitCode === null && current.signalCode === null) killTree(current, signal);
    else process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 1));
  });
}

// Signals reach the whole tree below us: `npx`/`npm run` (and sh) exit on SIGTERM without passing it
// on, which would leave vitest or the web server running. Children stay in our process group, so a
// signal to the group (Ctrl-C, a CI killing the job) reaches them directly as well.
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  try {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        const list = children.get(ppid) ?? [];
        list.push(Number(entry));
        children.set(ppid, list);
      } catch {
        // the process ended while we looked
      }
    }
  } catch {
    return []; // no /proc (not Linux): only the direct child is signalled
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const pid of children.get(queue.shift()!) ?? []) {
      found.push(pid);
      queue.push(pid);
    }
  }
  return found;
}

function killTree(child: ReturnType<typeof spawn>, signal: NodeJS.Signals): void {
  const pids = child.pid ? [child.pid, ...descendants(child.pid)] : [];
  if (pids.length === 0) child.kill(signal);
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

process.on("exit", () => {
  if (current && current.exitCode === null && current.signalCode === null) killTree(current, "SIGTERM");
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const shown = [command, ...args].join(" ");
  console.log(`$ ${shown}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
    current = child;
    child.on("error", (error) => {
      current = undefined;
      reject(new StageFailure(`could not start \`${shown}\`: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      current = undefined;
      if (interruptedBy) {
        process.exit(128 + (SIGNAL_NUMBERS[interruptedBy] ?? 1));
      }
      if (code === 0) resolve();
      else reject(new StageFailure(`\`${shown}\` failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Output helpers

function header(title: string): void {
  const line = "=".repeat(78);
  console.log(`\n${line}\n== ${title}\n${line}`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

// ---------------------------------------------------------------------------------------------
// Stages

async function staticChecks(): Promise<void> {
  header("static: typecheck (tsc --noEmit)");
  await run("npm", ["run", "--silent", "typecheck"]);
  header("static: lint (eslint .)");
  await run("npm", ["run", "--silent", "lint"]);
  header("static: dependency rule (imports follow the layer order, no cycles: .dependency-cruiser.cjs)");
  await run("npm", ["run", "--silent", "check:deps"]);
}

async function unitTests(): Promise<void> {
  header("unit: vitest — unit + integration tests on the embedded PGlite database");
  // Never let a developer's shell send this run to PostgreSQL: that is the db stage's job.
  const env = { ...process.env };
  delete env.DOTENV_TEST_DATABASE;
  await run("npx", ["vitest", "run"], env);
}

async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ can_create: boolean; version: string }>(
      "SELECT (rolcreatedb OR rolsuper) AS can_create, current_setting('server_version') AS version " +
        "FROM pg_roles WHERE rolname = current_user",
    );
    const row = rows[0];
    if (!row?.can_create) {
      throw new StageFailure(
        `TEST_DATABASE_URL (${redact(url)}) connects, but its role may not CREATE DATABASE. ` +
          "The integration tests create and drop one database per test file: grant CREATEDB " +
          "(ALTER ROLE <name> CREATEDB).",
      );
    }
    console.log(`PostgreSQL ${row.version} reachable at ${redact(url)} (role may create databases).`);
  } catch (error) {
    if (error instanceof StageFailure) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StageFailure(
      `TEST_DATABASE_URL is set but PostgreSQL is not reachable at ${redact(url)}: ${reason}. ` +
        "Check that the server is running (e.g. `pg_ctlcluster 15 main start`) and the URL's host, port " +
          "and credentials, or unset TEST_DATABASE_URL to skip this run.",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function postgresTests(explicit: boolean): Promise<void> {
  header("db: vitest — *.db.test.ts integration tests on PostgreSQL");
  const url = process.env.TEST_DATABASE_URL?.trim();
  if (!url) {
    if (explicit) {
      // Asked for by name (--only=db / npm run test:db): skipping would look like a pass.
      throw new StageFailure(
        "TEST_DATABASE_URL is not set: set TEST_DATABASE_URL=postgres://user:pass@host:5432/db " +
          "(a role that may CREATE DATABASE) to run the integration tests on PostgreSQL.",
        2,
      );
    }
    console.log(DB_SKIP_MESSAGE);
    return;
  }
  await checkPostgres(url);
  // Filter by file name only: `--dir lib` would re-root vitest.config.ts's include patterns
  // ("lib/**/*.test.ts" → lib/lib/...) and find no files.
  await run("npx", ["vitest", "run", ".db.test.ts"], {
    ...process.env,
    TEST_DATABASE_URL: url,
    DOTENV_TEST_DATABASE: "postgres",
  });
}

/** Spec files Playwright would pick up (its default testMatch) under e2e/. */
function e2eSpecs(): string[] {
  const root = path.resolve("e2e");
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(spec|test)\.[cm]?[jt]sx?$/.test(entry.name)) found.push(path.relative(process.cwd(), full));
    }
  };
  walk(root);
  return found;
}

async function e2eTests(): Promise<void> {
  header("e2e: Playwright on the production build");
  const specs = e2eSpecs();
  if (specs.length === 0) {
    console.log("e2e SKIPPED: no spec files under e2e/ yet (e2e/**/*.spec.ts). Nothing to build or run.");
    return;
  }
  console.log(`${specs.length} spec file(s) under e2e/.`);
  ensureChromium();
  if (process.env.SKIP_BUILD === "1") {
    console.log("SKIP_BUILD=1: using the existing .next build.");
  } else {
    header("e2e: next build");
    await run("npx", ["next", "build"]);
  }
  header("e2e: playwright test");
  await run("npx", ["playwright", "test"]);
}

async function faultSuite(): Promise<void> {
  header("fault: a database outage under write load, and the app killed mid-store (scripts/fault-suite.ts)");
  if (!fs.existsSync(path.resolve(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new StageFailure("the fault suite runs the production build: run the e2e stage (or `npx next build`) first.");
  }
  await run("npx", ["tsx", "--conditions=react-server", "scripts/fault-suite.ts"]);
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv: string[]): Stage[] {
  let only: Stage[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg.startsWith("--only=")) value = arg.slice("--only=".length);
    else if (arg === "--only") value = argv[++i];
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm test [-- --only=static|unit|db|e2e|fault[,...]]");
      process.exit(0);
    } else {
      console.error(`test: unknown argument ${arg} (usage: npm test [-- --only=static|unit|db|e2e|fault])`);
      process.exit(2);
    }
    const names = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const bad = names.filter((n) => !STAGES.includes(n as Stage));
    if (names.length === 0 || bad.length > 0) {
      console.error(`test: --only takes one of ${STAGES.join(", ")} (got "${value ?? ""}")`);
      process.exit(2);
    }
    only = STAGES.filter((s) => names.includes(s));
  }
  return only ?? STAGES;
}

async function main(): Promise<void> {
  const stages = parseArgs(process.argv.slice(2));
  const explicit = stages.length < STAGES.length;
  const started = Date.now();
  const timings: string[] = [];
  const runners: Record<Stage, () => Promise<void>> = {
    static: staticChecks,
    unit: unitTests,
    db: () => postgresTests(explicit),
    e2e: e2eTests,
    fault: faultSuite,
  };
  for (const stage of stages) {
    const t0 = Date.now();
    try {
      await runners[stage]();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`\ntest: stage "${stage}" FAILED after ${seconds(t0)}: ${message}`);
      if (timings.length) console.error(`test: stages passed before it: ${timings.join(", ")}`);
      process.exit(error instanceof StageFailure ? error.exitCode : 1);
    }
    timings.push(`${stage} ${seconds(t0)}`);
  }
  console.log(`\ntest: stage timings: ${timings.join(", ")} (total ${seconds(started)})`);
  console.log(explicit ? `test: ${stages.join(", ")} passed` : "test: all suites passed");
}

void main();
