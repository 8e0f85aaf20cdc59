// POST /api/interviews/overlaps — which proposed panelists are already busy at the proposed time
import { parseJson, withActor } from "@/lib/api/route";
import { checkPanelOverlaps } from "@/lib/interviews/check-panel-overlaps";
import { overlapQuerySchema } from "@/lib/interviews/schemas";

export const POST = withActor(async ({ req, actor }) => ({ warnings: await checkPanelOverlaps(actor, await parseJson(req, overlapQuerySchema)) }), {
  permission: "interviews.schedule",
});
