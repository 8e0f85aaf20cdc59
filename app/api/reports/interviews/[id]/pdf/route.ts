// GET /api/reports/interviews/:id/pdf?paper=a4|letter — the report as a text-selectable PDF
import { parseQuery, withActor } from "@/lib/api/route";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";
import { reportDisposition } from "@/lib/reports/render-report-csv";
import { renderReportPdf } from "@/lib/reports/render-report-pdf";
import { reportIdSchema, reportPdfQuerySchema } from "@/lib/reports/schemas";

export const runtime = "nodejs";

export const GET = withActor<{ id: string }>(async ({ req, actor, params }) => {
  const { paper } = parseQuery(req, reportPdfQuerySchema);
  const t0 = performance.now();
  const report = await getInterviewReportOrThrow(actor, { interviewId: reportIdSchema.parse(params.id) });
  const t1 = performance.now();
  const pdf = await renderReportPdf(report, { paper });
  const t2 = performance.now();
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": reportDisposition(report, "pdf"),
      "Cache-Control": "private, no-store",
      "Server-Timing": `report;dur=${(t1 - t0).toFixed(2)}, pdf;dur=${(t2 - t1).toFixed(2)}, total;dur=${(t2 - t0).toFixed(2)}`,
    },
  });
});
