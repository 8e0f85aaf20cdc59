// GET|POST /api/v1/questions — list the bank by last change (cursor, updated_since), create a question with its rubric (Idempotency-Key)
import { parseQuery } from "@/lib/api/route";
import { idempotentCreate } from "@/lib/api/v1/idempotency";
import { pageQuerySchema } from "@/lib/api/v1/pagination";
import { withApiKey } from "@/lib/api/v1/route";
import { v1Question, v1QuestionSummary } from "@/lib/api/v1/views";
import { parseInput } from "@/lib/errors";
import { createQuestion } from "@/lib/questions/create-question";
import { listQuestionsPage } from "@/lib/questions/list-questions-page";
import { createQuestionSchema } from "@/lib/questions/schemas";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";

export const GET = withApiKey(
  async ({ req, actor }) => {
    const page = await listQuestionsPage(actor, parseQuery(req, pageQuerySchema));
    return { data: page.data.map(v1QuestionSummary), nextCursor: page.nextCursor };
  },
  { scope: "questions:read" },
);

// Validated against the organization's scale (levels must cover it), as the pages' route does.
export const POST = withApiKey(
  async ({ req, actor }) =>
    idempotentCreate(req, actor, async (body) => {
      const input = parseInput(createQuestionSchema(await getOrganizationScale(actor)), body);
      return Response.json({ question: v1Question(await createQuestion(actor, input)) }, { status: 201 });
    }),
  { scope: "questions:write" },
);
