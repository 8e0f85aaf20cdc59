// GET|PUT|DELETE /api/questions/:id — read the latest version; save a new version (409 on a stale lockVersion); delete a never-used draft
import { parseJson, withActor } from "@/lib/api/route";
import { deleteQuestion } from "@/lib/questions/delete-question";
import { getQuestionOrThrow } from "@/lib/questions/get-question";
import { updateQuestionSchema } from "@/lib/questions/schemas";
import { updateQuestion } from "@/lib/questions/update-question";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";

type P = { id: string };

export const GET = withActor<P>(async ({ actor, params }) => ({ question: await getQuestionOrThrow(actor, params.id) }), {
  permission: "questions.read",
});

export const PUT = withActor<P>(
  async ({ req, actor, params }) => {
    // Validated against the organization's scale, every field at once.
    const input = await parseJson(req, updateQuestionSchema(await getOrganizationScale(actor)));
    return { question: await updateQuestion(actor, params.id, input) };
  },
  { permission: "questions.write" },
);

export const DELETE = withActor<P>(
  async ({ actor, params }) => {
    await deleteQuestion(actor, params.id);
    return { ok: true };
  },
  { permission: "questions.write" },
);
