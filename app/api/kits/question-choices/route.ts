// GET /api/kits/question-choices?q= — latest versions of bank questions a kit may add
import { parseQuery, withActor } from "@/lib/api/route";
import { listQuestionChoices } from "@/lib/kits/list-question-choices";
import { questionChoicesQuerySchema } from "@/lib/kits/schemas";

export const GET = withActor(async ({ req, actor }) => ({ questions: await listQuestionChoices(actor, parseQuery(req, questionChoicesQuerySchema)) }), {
  permission: "kits.write",
});
