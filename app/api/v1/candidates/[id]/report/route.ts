// GET /api/v1/candidates/:id/report — the candidate's report across their completed interviews (anonymized review applies)
import { withApiKey } from "@/lib/api/v1/route";
import { getCandidateReportOrThrow } from "@/lib/reports/get-candidate-report";

export const GET = withApiKey<{ id: string }>(async ({ actor, params }) => ({ report: await getCandidateReportOrThrow(actor, { candidateId: params.id }) }), {
  scope: "reports:read",
});
