// GET /api/reports/interviews/:id — the interview's report as JSON (Server-Timing: build time)
import { NextResponse } from "next/server";
import { withActor } from "@/lib/api/route";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";
import { reportIdSchema } from "@/lib/reports/schemas";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => {
  const t0 = performance.now();
  const report = await getInterviewReportOrThrow(actor, { interviewId: reportIdSchema.parse(params.id) });
  const ms = performance.now() - t0;
  return NextResponse.json({ report }, { headers: { "Server-Timing": `report;dur=${ms.toFixed(2)}`, "Cache-Control": "private, no-store" } });
});
