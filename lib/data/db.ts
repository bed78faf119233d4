import "server-only";
import type { PoolConfig } from "pg";
import { createPrisma, type Db } from "./client";
import { databaseTarget } from "./config";
import { openEmbeddedDatabase } from "./embedded";
import { migratePostgres } from "./migrate";

// The one database entry point. `getDb()` opens (and migrates) the configured database once per
// process; a failed attempt is not cached, so the next request tries again.

interface Handle {
  db: Db;
  close(): Promise<void>;
}

const globalForDb = globalThis as unknown as { dotenvDb?: Promise<Handle> };

export function getDb(): Promise<Db> {
  if (!globalForDb.dotenvDb) {
    const opening = openDatabase();
    globalForDb.dotenvDb = opening;
    opening.catch(() => {
      if (globalForDb.dotenvDb === opening) globalForDb.dotenvDb = undefined;
    });
  }
  return globalForDb.dotenvDb.then((handle) => handle.db);
}

/** The database if this process has it open now, else null: for background work that must not reopen it after `closeDb()`. */
export function openDbOrNull(): Promise<Db> | null {
  return globalForDb.dotenvDb ? globalForDb.dotenvDb.then((handle) => handle.db) : null;
}

/** Disconnects, and stops the embedded database if this process owns it (scripts call this). */
export async function closeDb(): Promise<void> {
  const handle = await globalForDb.dotenvDb?.catch(() => undefined);
  globalForDb.dotenvDb = undefined;
  if (handle) await handle.close();
}

async function openDatabase(): Promise<Handle> {
  const target = databaseTarget();
  if (target.kind === "embedded") {
    const embedded = await openEmbeddedDatabase(target.dataDir);
    return connect(embedded.pool, embedded.close);
  }
  await migratePostgres(target.url);
  return connect({ connectionString: target.url }, async () => {}, process.env.DOTENV_PREPARED_STATEMENTS !== "off");
}

function connect(pool: PoolConfig, stop: () => Promise<void>, preparedStatements = false): Handle {
  const db = createPrisma(pool, { preparedStatements });
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await stop();
    },
  };
}

/** Integration tests: make `getDb()` return the test's own database (scripts/testing/database.ts). */
export function installDbForTests(db: Db): void {
  globalForDb.dotenvDb = Promise.resolve({ db, close: async () => {} });
}
