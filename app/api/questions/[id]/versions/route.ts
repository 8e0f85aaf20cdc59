// GET /api/questions/:id/versions — version history, newest first, with usage counts
import { withActor } from "@/lib/api/route";
import { listQuestionVersions } from "@/lib/questions/list-question-versions";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => ({ versions: await listQuestionVersions(actor, params.id) }), {
  permission: "questions.read",
});
