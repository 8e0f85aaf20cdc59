// POST /api/candidates/:id/erase — remove a candidate's personal data, keep anonymous scores (audited)
import { parseJson, withActor } from "@/lib/api/route";
import { eraseCandidate } from "@/lib/candidates/erase-candidate";
import { eraseCandidateSchema } from "@/lib/candidates/schemas";

export const POST = withActor<{ id: string }>(
  async ({ req, actor, params }) => ({ candidate: await eraseCandidate(actor, params.id, await parseJson(req, eraseCandidateSchema)) }),
  { permission: "candidates.erase" },
);
