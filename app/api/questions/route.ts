// GET|POST /api/questions — search the bank (a direct read: lib/api/direct-routes.ts); create a question with its rubric (version 1)
import { NextResponse } from "next/server";
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directRoute, parseJson, withActor } from "@/lib/api/route";
import { createQuestion } from "@/lib/questions/create-question";
import { createQuestionSchema } from "@/lib/questions/schemas";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";

export const GET = directRoute(DIRECT_ROUTES.questionSearch);

// Validation needs the organization's scale (levels must cover it): every field at once.
export const POST = withActor(
  async ({ req, actor }) => {
    const input = await parseJson(req, createQuestionSchema(await getOrganizationScale(actor)));
    return NextResponse.json({ question: await createQuestion(actor, input) }, { status: 201 });
  },
  { permission: "questions.write" },
);
