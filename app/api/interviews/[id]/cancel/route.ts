// POST /api/interviews/:id/cancel — cancel a scheduled interview (the invite becomes a cancellation)
import { parseJson, withActor } from "@/lib/api/route";
import { cancelInterview } from "@/lib/interviews/cancel-interview";
import { cancelInterviewSchema } from "@/lib/interviews/schemas";

export const POST = withActor<{ id: string }>(
  async ({ req, actor, params }) => ({ interview: await cancelInterview(actor, params.id, await parseJson(req, cancelInterviewSchema)) }),
  { permission: "interviews.schedule" },
);
