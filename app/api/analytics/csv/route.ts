// GET /api/analytics/csv?table=reliability|interviewers&days= — the organization's analytics tables as CSV
import { z } from "zod";
import { parseQuery, withActor } from "@/lib/api/route";
import { getOrganizationAnalytics } from "@/lib/analytics/get-analytics";
import { renderInterviewersCsv, renderReliabilityCsv } from "@/lib/analytics/render-csv";
import { analyticsQuerySchema } from "@/lib/analytics/schemas";

const schema = analyticsQuerySchema.extend({ table: z.enum(["reliability", "interviewers"], { message: "Choose the reliability or interviewers table." }) });

export const GET = withActor(
  async ({ req, actor }) => {
    const query = parseQuery(req, schema);
    const { figures, period } = await getOrganizationAnalytics(actor, query);
    const body = query.table === "reliability" ? renderReliabilityCsv(figures) : renderInterviewersCsv(figures);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="analytics-${query.table}-${period.days}-days.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  { permission: "analytics.readAll" },
);
