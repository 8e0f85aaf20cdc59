// GET|POST /api/questions — search the bank; create a question with its rubric (version 1)
import { NextResponse } from "next/server";
import { parseJson, parseQuery, withActor } from "@/lib/api/route";
import { createQuestion } from "@/lib/questions/create-question";
import { createQuestionSchema, questionSearchSchema } from "@/lib/questions/schemas";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";
import { searchQuestions } from "@/lib/questions/search-questions";

export const GET = withActor(async ({ req, actor }) => searchQuestions(actor, parseQuery(req, questionSearchSchema)), {
  permission: "questions.read",
});

// Validation needs the organization's scale (levels must cover it): every field at once.
export const POST = withActor(
  async ({ req, actor }) => {
    const input = await parseJson(req, createQuestionSchema(await getOrganizationScale(actor)));
    return NextResponse.json({ question: await createQuestion(actor, input) }, { status: 201 });
  },
  { permission: "questions.write" },
);
