// GET /api/questions/tags — the organization's tags with counts, for the bank filter (a direct read: lib/api/direct-routes.ts)
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directRoute } from "@/lib/api/route";

export const GET = directRoute(DIRECT_ROUTES.questionTags);
