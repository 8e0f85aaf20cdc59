// GET /api/feedback/scorecards-due?interviewer=&state=all|overdue — the organization's open scorecards, with counts (a direct read: lib/api/direct-routes.ts)
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directRoute } from "@/lib/api/route";

export const GET = directRoute(DIRECT_ROUTES.scorecardsDue);
