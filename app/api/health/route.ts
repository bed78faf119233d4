import { getDb } from "@/lib/data/db";
import { jsonData, jsonError } from "@/lib/http/respond";

// Readiness: 200 once the database is open and migrated (used by load balancers and the e2e runner).
export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return jsonData({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return jsonError(error);
  }
}
