// GET|POST /api/v1/candidates — list candidates by last change (cursor, updated_since), create one (Idempotency-Key) (the list: a direct read, lib/api/direct-routes.ts)
import { idempotentCreate } from "@/lib/api/v1/idempotency";
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directApiRoute, withApiKey } from "@/lib/api/v1/route";
import { v1CandidateDetail } from "@/lib/api/v1/views";
import { createCandidate } from "@/lib/candidates/create-candidate";
import { candidateInputSchema } from "@/lib/candidates/schemas";
import { parseInput } from "@/lib/errors";

export const GET = directApiRoute(DIRECT_ROUTES.v1Candidates);

export const POST = withApiKey(
  async ({ req, actor }) =>
    idempotentCreate(req, actor, async (body) =>
      Response.json({ candidate: v1CandidateDetail(await createCandidate(actor, parseInput(candidateInputSchema, body))) }, { status: 201 }),
    ),
  { scope: "candidates:write" },
);
