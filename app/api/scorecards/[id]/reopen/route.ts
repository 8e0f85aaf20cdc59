// POST /api/scorecards/:id/reopen — unlock a submitted scorecard (owners and admins; audited)
import { z } from "zod";
import { parseJson, withActor } from "@/lib/api/route";
import { reopenScorecard } from "@/lib/scoring/reopen-scorecard";

export const dynamic = "force-dynamic";

const reopenSchema = z.object({ reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional() });

export const POST = withActor<{ id: string }>(
  async ({ req, actor, params }) => reopenScorecard(actor, { scorecardId: params.id, ...(await parseJson(req, reopenSchema)) }),
  { permission: "scoring.reopen" },
);
