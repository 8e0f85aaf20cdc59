// GET /api/reports/kits/:id/comparison — candidates interviewed with one kit, best score first
import { withActor } from "@/lib/api/route";
import { compareKitCandidates } from "@/lib/reports/compare-kit-candidates";
import { reportIdSchema } from "@/lib/reports/schemas";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => ({
  comparison: await compareKitCandidates(actor, { kitId: reportIdSchema.parse(params.id) }),
}));
