// POST /api/questions/:id/restore — bring an archived question back as active
import { withActor } from "@/lib/api/route";
import { restoreQuestion } from "@/lib/questions/archive-question";

export const POST = withActor<{ id: string }>(async ({ actor, params }) => ({ question: await restoreQuestion(actor, params.id) }), {
  permission: "questions.write",
});
