import { jsonData, jsonError } from "@/lib/http/respond";
import { checkDatabase } from "@/lib/services/health";

// Readiness: 200 once the database is open and migrated (used by load balancers and the e2e runner).
export async function GET() {
  try {
    await checkDatabase();
    return jsonData({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return jsonError(error, { route: "GET /api/health" });
  }
}
