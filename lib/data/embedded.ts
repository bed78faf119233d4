import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { PoolConfig } from "pg";
import { keepQueriesTogether } from "./embedded-turns";
import { applyMigrations } from "./migrate";

// The embedded database is PGlite (PostgreSQL in WASM), which only one process may open. The first
// process to need it (the app server, or `npm run seed` when no server runs) becomes its owner:
// it opens PGlite, migrates it, and serves it on a Unix socket with the PostgreSQL wire protocol.
// Every process, the owner included, then talks to it through `pg` exactly as it would to
// PostgreSQL, so the embedded default and production share one code path.

const SOCKET_PORT = 5432; // only names the socket file: <dir>/.s.PGSQL.5432
const OWNER_WAIT_MS = 30_000;

export interface EmbeddedDatabase {
  pool: PoolConfig;
  /** Stops the database if this process owns it; a no-op for clients. */
  close(): Promise<void>;
}

export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const socketDir = socketDirectory(dataDir);
  // One connection per process: PGlite executes one query at a time, so more would only queue. The
  // processes' connections take turns whole sequences at a time (embedded-turns.ts).
  const pool: PoolConfig = { host: socketDir, port: SOCKET_PORT, user: "postgres", database: "postgres", max: 1 };
  const lockFile = path.join(dataDir, "pglite.lock");

  for (let attempt = 0; attempt < 3; attempt++) {
    if (takeLock(lockFile)) {
      const close = await becomeOwner(dataDir, socketDir, lockFile);
      return { pool, close };
    }
    if (ownerIsAlive(lockFile)) {
      await waitForSocket(socketFile(socketDir), OWNER_WAIT_MS);
      return { pool, close: async () => {} };
    }
    fs.rmSync(lockFile, { force: true }); // the owner died without cleaning up
  }
  throw new Error(`Could not open the embedded database in ${dataDir}: it is locked by another process.`);
}

async function becomeOwner(dataDir: string, socketDir: string, lockFile: string) {
  try {
    // pg_trgm serves the audit log's free-text filters (as on PostgreSQL, where it ships with the server).
    const db = await PGlite.create(path.join(dataDir, "pglite"), { extensions: { pg_trgm } });
    await applyMigrations({
      query: async (sql, params) => (await db.query(sql, params ?? [])).rows as Record<string, unknown>[],
      exec: async (sql) => void (await db.exec(sql)),
    });
    fs.rmSync(socketFile(socketDir), { force: true });
    const server = new PGLiteSocketServer({ db, path: socketFile(socketDir), maxConnections: 64 });
    keepQueriesTogether(server, db);
    await server.start();
    const release = () => fs.rmSync(lockFile, { force: true });
    process.once("exit", release);
    return async () => {
      await server.stop();
      await db.close();
      release();
      process.removeListener("exit", release);
    };
  } catch (error) {
    fs.rmSync(lockFile, { force: true });
    throw error;
  }
}

function takeLock(lockFile: string): boolean {
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx", mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function ownerIsAlive(lockFile: string): boolean {
  const pid = Number(fs.readFileSync(lockFile, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Unix socket paths are limited to ~107 bytes; fall back to a short per-directory path in /tmp.
function socketDirectory(dataDir: string): string {
  if (socketFile(dataDir).length < 100) return dataDir;
  const short = path.join("/tmp", `dotenv-${Buffer.from(dataDir).toString("base64url").slice(-24)}`);
  fs.mkdirSync(short, { recursive: true, mode: 0o700 });
  return short;
}

function socketFile(dir: string): string {
  return path.join(dir, `.s.PGSQL.${SOCKET_PORT}`);
}

async function waitForSocket(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(file)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The embedded database is locked by another process that is not serving it.");
}

function canConnect(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(file);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
