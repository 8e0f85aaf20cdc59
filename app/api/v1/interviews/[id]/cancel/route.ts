// POST /api/v1/interviews/:id/cancel — cancel a scheduled interview (optional reason); the panel is told
import { parseJson } from "@/lib/api/route";
import { withApiKey } from "@/lib/api/v1/route";
import { v1InterviewDetail } from "@/lib/api/v1/views";
import { cancelInterview } from "@/lib/interviews/cancel-interview";
import { cancelInterviewSchema } from "@/lib/interviews/schemas";

type P = { id: string };

export const POST = withApiKey<P>(
  async ({ req, actor, params }) => ({ interview: v1InterviewDetail(await cancelInterview(actor, params.id, await parseJson(req, cancelInterviewSchema))) }),
  { scope: "interviews:write" },
);
