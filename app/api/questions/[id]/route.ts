// GET|PUT|DELETE /api/questions/:id — read the latest version; save a new version (409 on a stale lockVersion); delete a never-used draft
import { z } from "zod";
import { parseJson, withActor } from "@/lib/api/route";
import { deleteQuestion } from "@/lib/questions/delete-question";
import { getQuestionOrThrow } from "@/lib/questions/get-question";
import { updateQuestion } from "@/lib/questions/update-question";

type P = { id: string };

export const GET = withActor<P>(async ({ actor, params }) => ({ question: await getQuestionOrThrow(actor, params.id) }), {
  permission: "questions.read",
});

export const PUT = withActor<P>(
  async ({ req, actor, params }) => {
    // Validated by the service against the organization's scale, every field at once.
    const input = await parseJson(req, z.unknown());
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
