// POST /api/lab-runs/:id/cancel — stop a queued or running lab run
import { withActor } from "@/lib/api/route";
import { cancelLabRun } from "@/lib/lab/cancel-lab-run";

export const POST = withActor<{ id: string }>(async ({ actor, params }) => cancelLabRun(actor, { id: params.id }));
