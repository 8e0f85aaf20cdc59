// POST /api/interviews/:id/room/mutations — apply one scoring mutation (idempotent by mutationId; 409 on a stale baseVersion)
import { withActor } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { describeMutationIssues, mutationSchema } from "@/lib/scoring/schemas";
import { validationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const POST = withActor<{ id: string }>(
  async ({ req, actor, params }) => {
    let raw: unknown;
    try {
      raw = await req.json();
    } catch {
      throw new AppError("VALIDATION", "The request body must be valid JSON.");
    }
    const parsed = mutationSchema.safeParse(raw);
    if (!parsed.success) throw validationError(parsed.error, describeMutationIssues(parsed.error));
    return applyMutation(actor, { interviewId: params.id, mutation: parsed.data });
  },
  { permission: "scoring.write" },
);
