// GET /api/v1/questions/:id/versions — a question's version history, newest first, with usage counts
import { withApiKey } from "@/lib/api/v1/route";
import { v1QuestionVersions } from "@/lib/api/v1/views";
import { listQuestionVersions } from "@/lib/questions/list-question-versions";

export const GET = withApiKey<{ id: string }>(async ({ actor, params }) => v1QuestionVersions(await listQuestionVersions(actor, params.id)), {
  scope: "questions:read",
});
