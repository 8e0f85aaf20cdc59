// GET /api/questions/:id/diff?from=1&to=3 — readable diff between any two versions
import { parseQuery, withActor } from "@/lib/api/route";
import { diffQuestionVersions } from "@/lib/questions/diff-question-versions";
import { versionDiffQuerySchema } from "@/lib/questions/schemas";

export const GET = withActor<{ id: string }>(
  async ({ req, actor, params }) => diffQuestionVersions(actor, params.id, parseQuery(req, versionDiffQuerySchema)),
  { permission: "questions.read" },
);
