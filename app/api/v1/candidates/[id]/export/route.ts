// GET /api/v1/candidates/:id/export — everything held about one candidate, as JSON (GDPR access request; audited)
import { withApiKey } from "@/lib/api/v1/route";
import { exportCandidate } from "@/lib/candidates/export-candidate";

export const GET = withApiKey<{ id: string }>(
  async ({ actor, params }) => Response.json(await exportCandidate(actor, params.id), { headers: { "Cache-Control": "no-store" } }),
  { scope: "candidates:write" },
);
