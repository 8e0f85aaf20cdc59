// GET|POST /api/v1/questions — list the bank by last change (cursor, updated_since), create a question with its rubric (Idempotency-Key) (the list: a direct read, lib/api/direct-routes.ts)
import { idempotentCreate } from "@/lib/api/v1/idempotency";
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directApiRoute, withApiKey } from "@/lib/api/v1/route";
import { v1Question } from "@/lib/api/v1/views";
import { parseInput } from "@/lib/errors";
import { createQuestion } from "@/lib/questions/create-question";
import { createQuestionSchema } from "@/lib/questions/schemas";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";

export const GET = directApiRoute(DIRECT_ROUTES.v1Questions);

// Validated against the organization's scale (levels must cover it), as the pages' route does.
export const POST = withApiKey(
  async ({ req, actor }) =>
    idempotentCreate(req, actor, async (body) => {
      const input = parseInput(createQuestionSchema(await getOrganizationScale(actor)), body);
      return Response.json({ question: v1Question(await createQuestion(actor, input)) }, { status: 201 });
    }),
  { scope: "questions:write" },
);
