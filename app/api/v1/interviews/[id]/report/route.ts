// GET /api/v1/interviews/:id/report — the interview's report (submitted scorecards only; anonymized review applies)
import { withApiKey } from "@/lib/api/v1/route";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";

export const GET = withApiKey<{ id: string }>(async ({ actor, params }) => ({ report: await getInterviewReportOrThrow(actor, { interviewId: params.id }) }), {
  scope: "reports:read",
});
