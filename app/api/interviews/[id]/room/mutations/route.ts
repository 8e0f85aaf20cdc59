// POST /api/interviews/:id/room/mutations — apply one scoring mutation (idempotent by mutationId; 409 on a stale baseVersion).
// The handling lives in lib/scoring/write-endpoint.ts, which the production server (scripts/server.ts)
// also calls directly for this path; this route serves it under `next dev` and behind plain `next start`.
// The body is read as the production server reads it: at most the scoring write's limit, strict UTF-8.
import { NextResponse, type NextRequest } from "next/server";
import { scoreWriteDeps } from "@/lib/scoring/apply-mutation";
import { handleScoreWrite } from "@/lib/scoring/write-endpoint";
import { readBodyForHandler } from "@/lib/security/request-body";
import { ROUTE_POLICIES } from "@/lib/security/route-policy";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const body = await readBodyForHandler(req.body, ROUTE_POLICIES.scoringWrite);
  const r = await handleScoreWrite(scoreWriteDeps(), { interviewId: id, cookie: (name) => req.cookies.get(name)?.value, body });
  return NextResponse.json(r.body, { status: r.status, headers: r.headers });
}
