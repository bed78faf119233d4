// Liveness: the process answers, without touching the database (readiness is /api/health).
// Also the trivial route `npm run bench:api` measures the API against.
export function GET() {
  return Response.json({ data: { status: "ok" } }, { headers: { "Cache-Control": "no-store" } });
}
