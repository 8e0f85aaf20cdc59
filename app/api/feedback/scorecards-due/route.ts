// GET /api/feedback/scorecards-due?interviewer=&state=all|overdue — the organization's open scorecards, with counts
import { parseQuery, withActor } from "@/lib/api/route";
import { dueFilterSchema } from "@/lib/feedback/schemas";
import { listOrganizationScorecardsDue } from "@/lib/feedback/scorecards-due";

export const GET = withActor(async ({ req, actor }) => listOrganizationScorecardsDue(actor, parseQuery(req, dueFilterSchema)), {
  permission: "feedback.readAll",
});
