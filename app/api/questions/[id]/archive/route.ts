// POST /api/questions/:id/archive — archive a question (kits and interviews that use it keep their versions)
import { withActor } from "@/lib/api/route";
import { archiveQuestion } from "@/lib/questions/archive-question";

export const POST = withActor<{ id: string }>(async ({ actor, params }) => ({ question: await archiveQuestion(actor, params.id) }), {
  permission: "questions.write",
});
