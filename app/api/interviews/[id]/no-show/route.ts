// POST /api/interviews/:id/no-show — record that the candidate did not attend
import { withActor } from "@/lib/api/route";
import { markNoShow } from "@/lib/interviews/mark-no-show";

export const POST = withActor<{ id: string }>(async ({ actor, params }) => ({ interview: await markNoShow(actor, params.id) }), {
  permission: "interviews.schedule",
});
