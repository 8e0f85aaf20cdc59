// GET /api/analytics/questions?days=&sort=discrimination|agreement|difficulty|title — item analysis per question version
import { parseQuery, withActor } from "@/lib/api/route";
import { getQuestionAnalytics } from "@/lib/analytics/get-analytics";
import { questionAnalyticsQuerySchema } from "@/lib/analytics/schemas";

export const GET = withActor(async ({ req, actor }) => getQuestionAnalytics(actor, parseQuery(req, questionAnalyticsQuerySchema)), { permission: "analytics.questions" });
