// POST /api/interviews/panel-advice — the kit's pool to pick from, and warnings about the proposed panel
import { parseJson, withActor } from "@/lib/api/route";
import { getPanelAdvice } from "@/lib/pools/get-panel-advice";
import { panelAdviceSchema } from "@/lib/pools/schemas";

export const POST = withActor(async ({ req, actor }) => ({ advice: await getPanelAdvice(actor, await parseJson(req, panelAdviceSchema)) }), {
  permission: "interviews.schedule",
});
