// GET /api/v1/questions/:id/versions/:number — one immutable version
import { withApiKey } from "@/lib/api/v1/route";
import { questionVersionParamsSchema } from "@/lib/api/v1/schemas";
import { v1QuestionVersion } from "@/lib/api/v1/views";
import { parseInput } from "@/lib/errors";
import { getQuestionVersionOrThrow } from "@/lib/questions/get-question-version";

export const GET = withApiKey<{ id: string; number: string }>(
  async ({ actor, params }) => {
    const { id, number } = parseInput(questionVersionParamsSchema, params);
    return { version: v1QuestionVersion(await getQuestionVersionOrThrow(actor, id, number)) };
  },
  { scope: "questions:read" },
);
