// GET /api/analytics/questions/csv?table=questions|criteria&days=&sort= — question analytics as CSV
import { z } from "zod";
import { parseQuery, withActor } from "@/lib/api/route";
import { getQuestionAnalytics } from "@/lib/analytics/get-analytics";
import { renderCriteriaCsv, renderQuestionsCsv } from "@/lib/analytics/render-csv";
import { questionAnalyticsQuerySchema } from "@/lib/analytics/schemas";

const schema = questionAnalyticsQuerySchema.extend({ table: z.enum(["questions", "criteria"], { message: "Choose the questions or criteria table." }).default("questions") });

export const GET = withActor(
  async ({ req, actor }) => {
    const query = parseQuery(req, schema);
    const { questions, period } = await getQuestionAnalytics(actor, query);
    return new Response(query.table === "criteria" ? renderCriteriaCsv(questions) : renderQuestionsCsv(questions), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="question-analytics-${query.table}-${period.days}-days.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  { permission: "analytics.questions" },
);
