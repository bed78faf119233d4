// Databases made for one benchmark or test run on the PostgreSQL server BENCH_DATABASE_URL or
// TEST_DATABASE_URL names (an admin URL whose role may CREATE and DROP databases), and dropped
// when the run is done. A db test file's database is made here too (scripts/testing/database.ts),
// but dropped there: it waits for the test's pool to close rather than ending its connections.
import pg from "pg";

function adminUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("Set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server.");
  return url;
}

async function onAdmin(statement: string, url = adminUrl()): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Creates an empty database named `<prefix>_<time>_<random>` on the admin URL's server and returns its URL. */
export async function createScratchDatabase(prefix: string, admin = adminUrl()): Promise<string> {
  const name = `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await onAdmin(`CREATE DATABASE "${name}"`, admin);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops a scratch database, ending its connections: left behind, they pile up (49 benchmark
 * databases here, 3 GB, after a day of runs), and every checkpoint then syncs their files too
 * (2,883 in one).
 */
export async function dropScratchDatabase(url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await onAdmin(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
      return;
    } catch (error) {
      // 42501: an autovacuum worker (a superuser's process, which FORCE may not end) was still in
      // the database; it stops on its own within moments.
      if ((error as { code?: string }).code !== "42501" || attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
