// POST /api/interviews/:id/room/presence — heartbeat: I am in the room, on this question (or leaving)
import { parseJson, withActor } from "@/lib/api/route";
import { recordPresence } from "@/lib/live/record-presence";
import { presenceSchema } from "@/lib/scoring/schemas";

export const dynamic = "force-dynamic";

export const POST = withActor<{ id: string }>(
  async ({ req, actor, params }) => recordPresence(actor, { interviewId: params.id, ...(await parseJson(req, presenceSchema)) }),
  { permission: "scoring.write" },
);
