// GET /api/feedback/time-to-feedback/csv?from=YYYY-MM-DD&to=YYYY-MM-DD — time to feedback per interviewer, as CSV
import { parseQuery, withActor } from "@/lib/api/route";
import { renderFeedbackCsv } from "@/lib/feedback/render-feedback-csv";
import { feedbackPeriodSchema } from "@/lib/feedback/schemas";
import { getTimeToFeedback } from "@/lib/feedback/time-to-feedback";

export const GET = withActor(
  async ({ req, actor }) => {
    const data = await getTimeToFeedback(actor, parseQuery(req, feedbackPeriodSchema));
    return new Response(renderFeedbackCsv(data), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="time-to-feedback-${data.period.from}-to-${data.period.to}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  { permission: "feedback.readAll" },
);
