// `npm run db:migrate`: applies prisma/migrations to the configured database now, instead of on
// the first request (the app migrates itself at start-up too; one instance at a time, under an
// advisory lock). PostgreSQL when DATABASE_URL is set, else the embedded database under .data/.
import { closeDb, getDb } from "@/lib/data/db";

await getDb();
await closeDb();
console.log("migrations applied");
