// GET|PUT /api/interviews/:id — read an interview, reschedule it (time, zone, panel, link)
import { parseJson, withActor } from "@/lib/api/route";
import { getInterviewOrThrow } from "@/lib/interviews/get-interview";
import { rescheduleInterview } from "@/lib/interviews/reschedule-interview";
import { rescheduleInterviewSchema } from "@/lib/interviews/schemas";

type P = { id: string };

export const GET = withActor<P>(async ({ actor, params }) => ({ interview: await getInterviewOrThrow(actor, params.id) }));

export const PUT = withActor<P>(async ({ req, actor, params }) => rescheduleInterview(actor, params.id, await parseJson(req, rescheduleInterviewSchema)), {
  permission: "interviews.schedule",
});
