// GET|POST /api/v1/interviews — list interviews by last change (cursor, updated_since), schedule one (Idempotency-Key)
import { parseQuery } from "@/lib/api/route";
import { idempotentCreate } from "@/lib/api/v1/idempotency";
import { pageQuerySchema } from "@/lib/api/v1/pagination";
import { withApiKey } from "@/lib/api/v1/route";
import { v1Interview, v1ScheduleResult } from "@/lib/api/v1/views";
import { parseInput } from "@/lib/errors";
import { listInterviewsPage } from "@/lib/interviews/list-interviews-page";
import { scheduleInterview } from "@/lib/interviews/schedule-interview";
import { scheduleInterviewSchema } from "@/lib/interviews/schemas";

export const GET = withApiKey(
  async ({ req, actor }) => {
    const page = await listInterviewsPage(actor, parseQuery(req, pageQuerySchema));
    return { data: page.data.map(v1Interview), nextCursor: page.nextCursor };
  },
  { scope: "interviews:read" },
);

export const POST = withApiKey(
  async ({ req, actor }) =>
    idempotentCreate(req, actor, async (body) =>
      Response.json(v1ScheduleResult(await scheduleInterview(actor, parseInput(scheduleInterviewSchema, body))), { status: 201 }),
    ),
  { scope: "interviews:write" },
);
