// GET /api/health/ready — this instance can serve: database reachable, schema current for this
// build, LISTEN connection up, job queue running this instance's workers (lib/health/readiness.ts). 200 when ready, 503 otherwise; the body
// names the failing checks and nothing more. Unauthenticated, for load balancers.
import { getPgPool } from "@/lib/db/client";
import { readMigrations } from "@/lib/db/migrate";
import { checkReadiness } from "@/lib/health/readiness";
import { jobsStatus } from "@/lib/jobs/queue";
import { getLiveHub } from "@/lib/live/live-hub";

export const dynamic = "force-dynamic";

let expected: string[] | null = null;

export async function GET(): Promise<Response> {
  expected ??= readMigrations().map((m) => m.name);
  // The first probe starts this instance's LISTEN connection and gives it a moment to come up.
  const hub = getLiveHub();
  await Promise.race([hub.start(), new Promise((r) => setTimeout(r, 1000).unref())]);
  const result = await checkReadiness({
    pool: getPgPool(),
    expectedMigrations: expected,
    liveState: () => hub.connectionState,
    jobs: () => (process.env.PANELIST_LAB_WORKERS === "0" ? null : jobsStatus()),
  });
  return Response.json({ status: result.ready ? "ready" : "not ready", checks: result.checks }, { status: result.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
