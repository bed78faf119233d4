import { dataDirectory } from "@/lib/config/data-directory";

// Where the database lives: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite
// database under the data directory. Everything else is the same code path (lib/data/db.ts).
export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string };

export function databaseTarget(): DatabaseTarget {
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL.");
    }
    return { kind: "postgres", url };
  }
  return { kind: "embedded", dataDir: dataDirectory() };
}
