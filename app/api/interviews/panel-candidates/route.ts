// GET /api/interviews/panel-candidates — members who may sit on a panel, with their time zones
import { withActor } from "@/lib/api/route";
import { listPanelCandidates } from "@/lib/interviews/list-panel-candidates";

export const GET = withActor(async ({ actor }) => ({ members: await listPanelCandidates(actor) }), { permission: "interviews.schedule" });
