// GET /api/feedback/time-to-feedback?from=YYYY-MM-DD&to=YYYY-MM-DD — time to feedback per interviewer and for the organization (a direct read: lib/api/direct-routes.ts)
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directRoute } from "@/lib/api/route";

export const GET = directRoute(DIRECT_ROUTES.timeToFeedback);
