// GET|PATCH /api/v1/candidates/:id — read a candidate, update their profile (all fields, as the profile form sends them)
import { parseJson } from "@/lib/api/route";
import { withApiKey } from "@/lib/api/v1/route";
import { v1CandidateDetail } from "@/lib/api/v1/views";
import { getCandidateOrThrow } from "@/lib/candidates/get-candidate";
import { candidateInputSchema } from "@/lib/candidates/schemas";
import { updateCandidate } from "@/lib/candidates/update-candidate";

type P = { id: string };

export const GET = withApiKey<P>(async ({ actor, params }) => ({ candidate: v1CandidateDetail(await getCandidateOrThrow(actor, params.id)) }), {
  scope: "candidates:read",
});

export const PATCH = withApiKey<P>(
  async ({ req, actor, params }) => ({ candidate: v1CandidateDetail(await updateCandidate(actor, params.id, await parseJson(req, candidateInputSchema))) }),
  { scope: "candidates:write" },
);
