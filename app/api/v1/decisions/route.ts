// GET /api/v1/decisions?interview_id=…|candidate_id=… — hiring decisions on an interview or a candidate's interviews (a direct read: lib/api/direct-routes.ts)
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directApiRoute } from "@/lib/api/v1/route";

export const GET = directApiRoute(DIRECT_ROUTES.v1Decisions);
