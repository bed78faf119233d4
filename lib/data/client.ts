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
  const pool = new pg.Pool({ max: 10, ...poolConfig });
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

// On globalThis: Next.js may bundle this module into several chunks, each with its own module scope.
const globalForPools = globalThis as unknown as { dotenvDirectPools?: WeakMap<object, { pool: pg.Pool; nameOf?: (query: { sql: string }) => string }> };
const directPools = (globalForPools.dotenvDirectPools ??= new WeakMap());
// A timestamp without time zone holds UTC (as Prisma writes and reads it); pg would read it as local time.
const UTC_TIMESTAMPS = {
  getTypeParser: (oid: number, format?: string) =>
    oid === pg.types.builtins.TIMESTAMP ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text"),
} as pg.CustomTypesConfig;

/**
 * One statement on the client's own pool, without Prisma's query engine in between: that costs
 * ~0.1–0.2 ms of CPU per statement (measured: a 3-blob select 0.26 ms through `$queryRaw`, 0.08 ms
 * straight on pg). Only for the request path's hottest standalone statements (the secrets lookup,
 * the audit insert of reads). It runs on a connection of its own, so never use it for a statement
 * that belongs to a transaction. Rows come back as pg reads them: int4 as number, int8 and numeric
 * as string, jsonb parsed, timestamps as UTC Dates; a Date parameter is sent as UTC (ISO 8601).
 */
export async function directQuery<Row>(db: Db, query: Prisma.Sql): Promise<Row[]> {
  const direct = directPools.get(db);
  if (!direct) throw new Error("directQuery needs a client made by createPrisma.");
  const values = query.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  const result = await direct.pool.query({ text: query.text, values, name: direct.nameOf?.({ sql: `direct ${query.text}` }), types: UTC_TIMESTAMPS });
  return result.rows as Row[];
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
