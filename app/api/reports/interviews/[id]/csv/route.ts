// GET /api/reports/interviews/:id/csv — every score of the interview as CSV
import { withActor } from "@/lib/api/route";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";
import { renderReportCsv, reportDisposition } from "@/lib/reports/render-report-csv";
import { reportIdSchema } from "@/lib/reports/schemas";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => {
  const report = await getInterviewReportOrThrow(actor, { interviewId: reportIdSchema.parse(params.id) });
  return new Response(renderReportCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": reportDisposition(report, "csv"),
      "Cache-Control": "private, no-store",
    },
  });
});
