// Liveness: answers without touching the database or the realtime server (GET /api/health
// checks both). The benchmark uses it as the app's ceiling for a route handler.

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
