// GET|PATCH /api/v1/questions/:id — read a question's latest version, save a new version (409 on a stale lockVersion)
import { parseJson } from "@/lib/api/route";
import { withApiKey } from "@/lib/api/v1/route";
import { v1Question } from "@/lib/api/v1/views";
import { getQuestionOrThrow } from "@/lib/questions/get-question";
import { updateQuestionSchema } from "@/lib/questions/schemas";
import { updateQuestion } from "@/lib/questions/update-question";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";

type P = { id: string };

export const GET = withApiKey<P>(async ({ actor, params }) => ({ question: v1Question(await getQuestionOrThrow(actor, params.id)) }), {
  scope: "questions:read",
});

export const PATCH = withApiKey<P>(
  async ({ req, actor, params }) => {
    const input = await parseJson(req, updateQuestionSchema(await getOrganizationScale(actor)));
    return { question: v1Question(await updateQuestion(actor, params.id, input)) };
  },
  { scope: "questions:write" },
);
