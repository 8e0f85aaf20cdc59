// POST /api/interviews/:id/room/start — start the interview now (confirm when far from the scheduled time) and take a seat
import { parseJson, withActor } from "@/lib/api/route";
import { startInterviewSchema } from "@/lib/scoring/schemas";
import { startInterview } from "@/lib/scoring/start-interview";

export const dynamic = "force-dynamic";

export const POST = withActor<{ id: string }>(
  async ({ req, actor, params }) => startInterview(actor, { interviewId: params.id, ...(await parseJson(req, startInterviewSchema)) }),
  { permission: "scoring.write" },
);
