import "server-only";
import { getDb } from "@/lib/data/db";

/** Readiness: the database is open, migrated and answers. Throws otherwise. */
export async function checkDatabase(): Promise<void> {
  const db = await getDb();
  await db.$queryRaw`SELECT 1`;
}
