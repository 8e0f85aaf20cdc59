// GET|POST /api/v1/candidates — list candidates by last change (cursor, updated_since), create one (Idempotency-Key)
import { parseQuery } from "@/lib/api/route";
import { idempotentCreate } from "@/lib/api/v1/idempotency";
import { pageQuerySchema } from "@/lib/api/v1/pagination";
import { withApiKey } from "@/lib/api/v1/route";
import { v1Candidate, v1CandidateDetail } from "@/lib/api/v1/views";
import { createCandidate } from "@/lib/candidates/create-candidate";
import { listCandidatesPage } from "@/lib/candidates/list-candidates-page";
import { candidateInputSchema } from "@/lib/candidates/schemas";
import { parseInput } from "@/lib/errors";

export const GET = withApiKey(
  async ({ req, actor }) => {
    const page = await listCandidatesPage(actor, parseQuery(req, pageQuerySchema));
    return { data: page.data.map(v1Candidate), nextCursor: page.nextCursor };
  },
  { scope: "candidates:read" },
);

export const POST = withApiKey(
  async ({ req, actor }) =>
    idempotentCreate(req, actor, async (body) =>
      Response.json({ candidate: v1CandidateDetail(await createCandidate(actor, parseInput(candidateInputSchema, body))) }, { status: 201 }),
    ),
  { scope: "candidates:write" },
);
