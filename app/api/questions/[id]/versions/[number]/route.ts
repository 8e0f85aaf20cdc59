// GET /api/questions/:id/versions/:number — one immutable version
import { z } from "zod";
import { PG_INT_MAX, withActor } from "@/lib/api/route";
import { validationError } from "@/lib/errors";
import { getQuestionVersionOrThrow } from "@/lib/questions/get-question-version";

const numberSchema = z.coerce
  .number()
  .int("Version numbers are whole numbers.")
  .min(1, "Version numbers start at 1.")
  .max(PG_INT_MAX, "There is no version with that number.");

export const GET = withActor<{ id: string; number: string }>(
  async ({ actor, params }) => {
    const n = numberSchema.safeParse(params.number);
    if (!n.success) throw validationError(n.error);
    return { version: await getQuestionVersionOrThrow(actor, params.id, n.data) };
  },
  { permission: "questions.read" },
);
