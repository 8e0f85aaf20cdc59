// GET /api/v1/interviews/:id/scorecards — the panel's scorecards (contents only once submitted; anonymized review applies)
import { withApiKey } from "@/lib/api/v1/route";
import type { ScorecardListDocumented } from "@/lib/api/v1/schemas";
import { listInterviewScorecards } from "@/lib/scoring/list-interview-scorecards";

export const GET = withApiKey<{ id: string }>(
  async ({ actor, params }): Promise<ScorecardListDocumented> => ({ scorecards: await listInterviewScorecards(actor, params.id) }),
  { scope: "scorecards:read" },
);
