// GET|PATCH /api/v1/interviews/:id — read an interview, reschedule it (time, zone, panel, link; `sequence` guards against lost updates)
import { parseJson } from "@/lib/api/route";
import { withApiKey } from "@/lib/api/v1/route";
import { v1InterviewDetail, v1ScheduleResult } from "@/lib/api/v1/views";
import { getInterviewOrThrow } from "@/lib/interviews/get-interview";
import { rescheduleInterview } from "@/lib/interviews/reschedule-interview";
import { rescheduleInterviewSchema } from "@/lib/interviews/schemas";

type P = { id: string };

export const GET = withApiKey<P>(async ({ actor, params }) => ({ interview: v1InterviewDetail(await getInterviewOrThrow(actor, params.id)) }), {
  scope: "interviews:read",
});

export const PATCH = withApiKey<P>(
  async ({ req, actor, params }) => v1ScheduleResult(await rescheduleInterview(actor, params.id, await parseJson(req, rescheduleInterviewSchema))),
  { scope: "interviews:write" },
);
