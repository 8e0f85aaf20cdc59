// GET /api/questions/tags — the organization's tags with counts, for the bank filter
import { withActor } from "@/lib/api/route";
import { listQuestionTags } from "@/lib/questions/list-question-tags";

export const GET = withActor(async ({ actor }) => ({ tags: await listQuestionTags(actor) }), { permission: "questions.read" });
