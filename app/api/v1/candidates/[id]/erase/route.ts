// POST /api/v1/candidates/:id/erase — erase a candidate's personal data (GDPR erasure; scores stay anonymous; audited)
import { parseJson } from "@/lib/api/route";
import { withApiKey } from "@/lib/api/v1/route";
import { v1CandidateDetail } from "@/lib/api/v1/views";
import { eraseCandidate } from "@/lib/candidates/erase-candidate";
import { eraseCandidateSchema } from "@/lib/candidates/schemas";

export const POST = withApiKey<{ id: string }>(
  async ({ req, actor, params }) => ({ candidate: v1CandidateDetail(await eraseCandidate(actor, params.id, await parseJson(req, eraseCandidateSchema))) }),
  { scope: "candidates:write" },
);
