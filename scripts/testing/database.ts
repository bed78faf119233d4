import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrisma, type Db } from "@/lib/data/client";
import { installDbForTests } from "@/lib/data/db";
import { openEmbeddedDatabase } from "@/lib/data/embedded";
import { migratePostgres } from "@/lib/data/migrate";
import { sealAuditEvents } from "@/lib/services/audit/sealer";
import { createScratchDatabase } from "../scratch-database";

// A fresh, migrated database for one test file, opened through the same code as the app:
// embedded PGlite by default, PostgreSQL when DOTENV_TEST_DATABASE=postgres (TEST_DATABASE_URL
// names a server where the test may create and drop databases).

export interface TestDatabase {
  db: Db;
  kind: "embedded" | "postgres";
  /** Its connection string (PostgreSQL only), for a test that needs a client of its own, e.g. to LISTEN. */
  url?: string;
  /** Raw SQL through a separate connection, bypassing Prisma and its extensions. */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export function testDatabaseKind(): "embedded" | "postgres" {
  return process.env.DOTENV_TEST_DATABASE === "postgres" ? "postgres" : "embedded";
}

/** Opens a fresh database and makes it the one `getDb()` returns, so services run against it. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const database = testDatabaseKind() === "postgres" ? await openPostgres() : await openEmbedded();
  installDbForTests(database.db);
  return sealingFirst(database);
}

/**
 * Audit events get their place in the chain moments after they are written, off the request path
 * (lib/services/audit/sealer.ts). A test that reads the audit tables itself — raw SQL, or the
 * client's auditEvent model — reads them as GET /audit/verify does: sealed first.
 */
function sealingFirst(database: TestDatabase): TestDatabase {
  const db = database.db.$extends({
    query: {
      auditEvent: {
        async $allOperations({ args, query }) {
          await sealAuditEvents();
          return query(args);
        },
      },
    },
  }) as unknown as Db;
  const sql: TestDatabase["sql"] = async (text, params) => {
    if (/"Audit(Event|ChainHead|Checkpoint)"/.test(text)) await sealAuditEvents();
    return database.sql(text, params);
  };
  return { ...database, db, sql };
}

async function openEmbedded(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-test-"));
  const embedded = await openEmbeddedDatabase(dir);
  const raw = new pg.Pool({ ...embedded.pool, max: 1 });
  const db = createPrisma(embedded.pool);
  return {
    db,
    kind: "embedded",
    sql: async (text, params) => (await raw.query(text, params)).rows,
    close: async () => {
      await db.$disconnect();
      await raw.end();
      await embedded.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("DOTENV_TEST_DATABASE=postgres needs TEST_DATABASE_URL.");
  const url = new URL(await createScratchDatabase("dotenv_test", adminUrl));
  const name = url.pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await migratePostgres(url.toString());
  const raw = new pg.Pool({ connectionString: url.toString(), max: 2 });
  raw.on("error", () => {}); // an idle connection closed by the server is not a test failure
  const db = createPrisma({ connectionString: url.toString() }, { preparedStatements: true });
  return {
    db,
    kind: "postgres",
    url: url.toString(),
    sql: async (text, params) => (await raw.query(text, params)).rows,
    close: async () => {
      await db.$disconnect();
      await raw.end();
      await dropWhenIdle(admin, name);
      await admin.end();
    },
  };
}

// Without FORCE: killing connections that a closing pool still holds surfaces as an uncaught
// "terminating connection" error in the test process. Wait for them to go instead.
async function dropWhenIdle(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error; // 55006: in use
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
