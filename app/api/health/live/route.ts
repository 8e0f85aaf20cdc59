// GET /api/health/live — the process is up and answering (for an orchestrator's liveness probe).
// Checks nothing else on purpose: a database outage must not get every replica restarted.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "live" }, { headers: { "Cache-Control": "no-store" } });
}
