// GET /api/reports/candidates/:id — one candidate across their interviews
import { withActor } from "@/lib/api/route";
import { getCandidateReportOrThrow } from "@/lib/reports/get-candidate-report";
import { reportIdSchema } from "@/lib/reports/schemas";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => ({
  report: await getCandidateReportOrThrow(actor, { candidateId: reportIdSchema.parse(params.id) }),
}));
