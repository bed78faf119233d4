import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg, { type PoolConfig } from "pg";
import { Prisma, PrismaClient } from "./generated/client";
import { rotatedKeyGuard } from "./immutable-keys";

// Columns that hold hashes, wrapped keys or ciphertext. They are left out of every query unless a
// repository asks for them by name (`omit: { blob: false }`), so none can leak by accident.
export const SECRET_COLUMNS = {
  user: { passwordHash: true },
  invitation: { tokenHash: true },
  apiToken: { tokenHash: true, previousTokenHash: true },
  projectKeyVersion: { proofHash: true, wrappedKey: true },
  secretLevel: { blob: true },
  secretVersion: { blob: true },
  twoFactorMethod: { secretEncrypted: true },
  recoveryCode: { codeHash: true },
  oneTimeCode: { codeHash: true },
  instanceSetting: { value: true },
} as const;

// Internal bookkeeping nobody reads through the client: the audit sealer's append order (a BigInt,
// which JSON.stringify refuses) is read with raw SQL only.
const INTERNAL_COLUMNS = { auditEvent: { appendOrder: true } } as const;

/**
 * `preparedStatements`: every statement is prepared once per connection under a name derived from
 * its text, so PostgreSQL parses and plans it once instead of on every execution (planning the
 * secrets read's lookup cost ~1 ms of database CPU per request, ten times its execution). Only on
 * a PostgreSQL server of our own sessions: the embedded database's socket shares one session
 * between connections, and a pooler in transaction mode does the same (then set
 * DOTENV_PREPARED_STATEMENTS=off, or use PgBouncer ≥ 1.21 with max_prepared_statements).
 */
export function createPrisma(poolConfig: PoolConfig, options: { preparedStatements?: boolean } = {}) {
  // Idle connections are kept 5 minutes, not pg's 10 s: a new connection costs a handshake and
  // re-plans every prepared statement, and after a quiet spell the first ~100 ms of traffic paid
  // that on all ten at once (p99 at 200 req/s 170–260 ms in the first 10 s after idling, 43–54 after).
  const pool = new pg.Pool({ max: 10, idleTimeoutMillis: 5 * 60_000, ...poolConfig });
  const nameOf = options.preparedStatements ? statementName : undefined;
  const db = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true, ...(nameOf ? { statementNameGenerator: nameOf } : {}) }),
    omit: { ...SECRET_COLUMNS, ...INTERNAL_COLUMNS },
    // Prisma gives up on starting a transaction after 2 s by default. Busy moments queue for a
    // connection longer than that (always so on the embedded database, which has one), and a
    // request should wait its turn rather than fail with 503.
    transactionOptions: { maxWait: 10_000 },
  }).$extends(rotatedKeyGuard);
  directPools.set(db, { pool, nameOf });
  return db;
}

interface DirectPool {
  pool: pg.Pool;
  nameOf?: (query: { sql: string }) => string;
}

// On globalThis: Next.js may bundle this module into several chunks, each with its own module scope.
const globalForPools = globalThis as unknown as { dotenvDirectPools?: WeakMap<object, DirectPool> };
const directPools = (globalForPools.dotenvDirectPools ??= new WeakMap());
// A timestamp without time zone holds UTC (as Prisma writes and reads it); pg would read it as local time.
const UTC_TIMESTAMPS = {
  getTypeParser: (oid: number, format?: string) =>
    oid === pg.types.builtins.TIMESTAMP ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text"),
} as pg.CustomTypesConfig;

// Statements straight on the client's own pg pool, without Prisma's query engine in between. That
// engine costs ~0.1–0.2 ms of CPU per statement and ~0.85 ms per interactive transaction of four
// (measured: a 3-blob select 0.26 ms through `$queryRaw`, 0.08 ms on pg; a 4-statement transaction
// 1.13 ms of CPU and 0.95 ms wall through `$transaction`, 0.27 / 0.30 ms on pg). Only for the
// hottest work: the secrets lookup, the audit insert of reads and the retention read of stores
// (directQuery, rawQuery), a store's critical section and the audit sealer's run (directTransaction).
// Rows come back as pg reads them: int4 as number, int8 and numeric as string, jsonb parsed,
// timestamps as UTC Dates; Date parameters go as UTC.

function directOf(db: Db): DirectPool {
  const direct = directPools.get(db);
  if (!direct) throw new Error("Direct statements need a client made by createPrisma.");
  return direct;
}

function statementConfig(direct: DirectPool, query: Prisma.Sql): pg.QueryConfig {
  const values = query.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  return { text: query.text, values, name: direct.nameOf?.({ sql: `direct ${query.text}` }), types: UTC_TIMESTAMPS };
}

/** One statement on a connection of its own: never one that belongs to a transaction. */
export async function directQuery<Row>(db: Db, query: Prisma.Sql): Promise<Row[]> {
  const direct = directOf(db);
  return (await direct.pool.query(statementConfig(direct, query))).rows as Row[];
}

/** directQuery on a client made by createPrisma; given a transaction, its own `$queryRaw` (on its connection). */
export function rawQuery<Row>(db: Db | RawTx, query: Prisma.Sql): Promise<Row[]> {
  return directPools.has(db) ? directQuery<Row>(db as Db, query) : db.$queryRaw<Row[]>(query);
}

/** Raw statements inside a transaction: Prisma's transaction client, or directTransaction's. */
export interface RawTx {
  $queryRaw<Rows = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<Rows>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

/** Most a transaction's statement may run, lock waits included (as Prisma's transaction timeout did). */
const DIRECT_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * A transaction of raw statements on one pooled connection: BEGIN, `work`, COMMIT — ROLLBACK if
 * anything throws (and the connection is dropped if even that fails).
 */
export async function directTransaction<T>(db: Db, work: (tx: RawTx) => Promise<T>): Promise<T> {
  const direct = directOf(db);
  const client = await direct.pool.connect();
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) =>
    client.query(statementConfig(direct, query instanceof Prisma.Sql ? query : Prisma.sql(query, ...(values as Prisma.Sql["values"]))));
  const tx: RawTx = {
    $queryRaw: async <Rows>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(query, values)).rows as Rows,
    $executeRaw: async (query, ...values) => (await run(query, values)).rowCount ?? 0,
  };
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${DIRECT_STATEMENT_TIMEOUT_MS}`);
    const result = await work(tx);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackFailure: Error) => {
      broken = rollbackFailure;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

const statementNames = new Map<string, string>();
const MAX_NAMES = 5_000;

/** A statement's name: a digest of its text (the same text, the same name, on every connection). */
function statementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `dotenv_${createHash("sha256").update(query.sql).digest("base64url").slice(0, 32)}`;
    if (statementNames.size >= MAX_NAMES) statementNames.clear();
    statementNames.set(query.sql, name);
  }
  return name;
}

export type Db = ReturnType<typeof createPrisma>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
