// GET /api/analytics?days=90|180|365 — reliability and every interviewer's calibration (precomputed; says when)
import { parseQuery, withActor } from "@/lib/api/route";
import { getOrganizationAnalytics } from "@/lib/analytics/get-analytics";
import { analyticsQuerySchema } from "@/lib/analytics/schemas";

export const GET = withActor(async ({ req, actor }) => getOrganizationAnalytics(actor, parseQuery(req, analyticsQuerySchema)), { permission: "analytics.readAll" });
