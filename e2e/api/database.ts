import pg from "pg";
import type { TestInfo } from "@playwright/test";
import { openEmbeddedDatabase } from "../../lib/data/embedded";
import { isPostgres } from "./support";

// A raw connection to the database of the server under test, as its owner (or a superuser) would
// have one: for tests that tamper with what the app itself can never change. The embedded database
// is served by the app on a Unix socket (lib/data/embedded.ts); PostgreSQL by its URL.

export async function rawDatabase(testInfo: TestInfo): Promise<pg.Client> {
  const config = isPostgres(testInfo)
    ? { connectionString: process.env.DOTENV_E2E_PG_URL }
    : (await openEmbeddedDatabase(process.env.DOTENV_E2E_DATA_DIR!)).pool;
  const client = new pg.Client(config);
  await client.connect();
  return client;
}

/** Runs statements with the audit triggers switched off, then on again (the owner of the tables can). */
export async function withoutAuditTriggers(client: pg.Client, ...statements: string[]): Promise<void> {
  const tables = ["AuditEvent", "AuditCheckpoint", "AuditChainHead"];
  // Simple queries, one at a time: the embedded server runs one protocol message at a time.
  for (const table of tables) await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    for (const table of tables) await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
  }
}
