// GET|PUT /api/candidates/:id — read a candidate's profile, update it
import { parseJson, withActor } from "@/lib/api/route";
import { getCandidateOrThrow } from "@/lib/candidates/get-candidate";
import { candidateInputSchema } from "@/lib/candidates/schemas";
import { updateCandidate } from "@/lib/candidates/update-candidate";

type P = { id: string };

export const GET = withActor<P>(async ({ actor, params }) => ({ candidate: await getCandidateOrThrow(actor, params.id) }), {
  permission: "candidates.read",
});

export const PUT = withActor<P>(
  async ({ req, actor, params }) => ({ candidate: await updateCandidate(actor, params.id, await parseJson(req, candidateInputSchema)) }),
  { permission: "candidates.write" },
);
