// GET|POST /api/candidates — search the organization's candidates, create a candidate
import { parseJson, parseQuery, withActor } from "@/lib/api/route";
import { createCandidate } from "@/lib/candidates/create-candidate";
import { listCandidates } from "@/lib/candidates/list-candidates";
import { candidateInputSchema, candidateSearchSchema } from "@/lib/candidates/schemas";

export const GET = withActor(async ({ req, actor }) => ({ candidates: await listCandidates(actor, parseQuery(req, candidateSearchSchema)) }), {
  permission: "candidates.read",
});

export const POST = withActor(
  async ({ req, actor }) => Response.json({ candidate: await createCandidate(actor, await parseJson(req, candidateInputSchema)) }, { status: 201 }),
  { permission: "candidates.write" },
);
