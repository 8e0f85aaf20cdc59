// GET /api/feedback/time-to-feedback?from=YYYY-MM-DD&to=YYYY-MM-DD — time to feedback per interviewer and for the organization
import { parseQuery, withActor } from "@/lib/api/route";
import { feedbackPeriodSchema } from "@/lib/feedback/schemas";
import { getTimeToFeedback } from "@/lib/feedback/time-to-feedback";

export const GET = withActor(async ({ req, actor }) => getTimeToFeedback(actor, parseQuery(req, feedbackPeriodSchema)), {
  permission: "feedback.readAll",
});
