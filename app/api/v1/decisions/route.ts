// GET /api/v1/decisions?interview_id=…|candidate_id=… — hiring decisions on an interview or a candidate's interviews
import { parseQuery } from "@/lib/api/route";
import { withApiKey } from "@/lib/api/v1/route";
import { decisionQuerySchema, type DecisionListDocumented } from "@/lib/api/v1/schemas";
import { listHiringDecisions } from "@/lib/decisions/list-decisions";

export const GET = withApiKey(
  async ({ req, actor }): Promise<DecisionListDocumented> => {
    const q = parseQuery(req, decisionQuerySchema);
    return { decisions: await listHiringDecisions(actor, { interviewId: q.interview_id, candidateId: q.candidate_id }) };
  },
  { scope: "reports:read" },
);
