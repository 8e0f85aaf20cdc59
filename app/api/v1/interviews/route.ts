// GET|POST /api/v1/interviews — list interviews by last change (cursor, updated_since), schedule one (Idempotency-Key) (the list: a direct read, lib/api/direct-routes.ts)
import { idempotentCreate } from "@/lib/api/v1/idempotency";
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directApiRoute, withApiKey } from "@/lib/api/v1/route";
import { v1ScheduleResult } from "@/lib/api/v1/views";
import { parseInput } from "@/lib/errors";
import { scheduleInterview } from "@/lib/interviews/schedule-interview";
import { scheduleInterviewSchema } from "@/lib/interviews/schemas";

export const GET = directApiRoute(DIRECT_ROUTES.v1Interviews);

export const POST = withApiKey(
  async ({ req, actor }) =>
    idempotentCreate(req, actor, async (body) =>
      Response.json(v1ScheduleResult(await scheduleInterview(actor, parseInput(scheduleInterviewSchema, body))), { status: 201 }),
    ),
  { scope: "interviews:write" },
);
