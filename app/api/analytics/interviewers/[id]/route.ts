// GET /api/analytics/interviewers/[id]?days=&with=<userId> — one interviewer's calibration (one's own; anyone's for owners, admins, recruiters)
import { parseQuery, withActor } from "@/lib/api/route";
import { getInterviewerAnalytics } from "@/lib/analytics/get-analytics";
import { interviewerAnalyticsQuerySchema } from "@/lib/analytics/schemas";

export const GET = withActor<{ id: string }>(async ({ req, actor, params }) => getInterviewerAnalytics(actor, params.id, parseQuery(req, interviewerAnalyticsQuerySchema)), {
  permission: "analytics.readOwn",
});
