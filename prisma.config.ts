import path from "node:path";
import { defineConfig } from "prisma/config";

// `prisma generate` runs offline (WASM) but first looks for the schema-engine binary, which these
// machines cannot download. Pointing it at any existing file satisfies the check; generate never
// executes it. Migrations are applied by scripts/migrate.ts instead (see lib/data/migrate.ts).
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
