// PUT /api/reports/anonymized-review — owners/admins turn anonymized review on or off (audited)
import { parseJson, withActor } from "@/lib/api/route";
import { anonymizedReviewInputSchema } from "@/lib/reports/schemas";
import { setAnonymizedReview } from "@/lib/reports/set-anonymized-review";

export const PUT = withActor(async ({ req, actor }) => setAnonymizedReview(actor, await parseJson(req, anonymizedReviewInputSchema)));
