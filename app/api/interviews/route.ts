// GET|POST /api/interviews — list interviews the actor may see, schedule an interview
import { parseJson, parseQuery, withActor } from "@/lib/api/route";
import { listInterviews } from "@/lib/interviews/list-interviews";
import { scheduleInterview } from "@/lib/interviews/schedule-interview";
import { interviewListQuerySchema, scheduleInterviewSchema } from "@/lib/interviews/schemas";

export const GET = withActor(async ({ req, actor }) => ({ interviews: await listInterviews(actor, parseQuery(req, interviewListQuerySchema)) }));

export const POST = withActor(
  async ({ req, actor }) => Response.json(await scheduleInterview(actor, await parseJson(req, scheduleInterviewSchema)), { status: 201 }),
  { permission: "interviews.schedule" },
);
