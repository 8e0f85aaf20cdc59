// GET /api/lab-runs/:id — one lab run with its progress and result
import { withActor } from "@/lib/api/route";
import { getLabRun } from "@/lib/lab/get-lab-run";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => getLabRun(actor, { id: params.id }));
