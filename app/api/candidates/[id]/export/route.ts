// GET /api/candidates/:id/export — download everything held about one candidate as JSON (audited)
import { withActor } from "@/lib/api/route";
import { exportCandidate } from "@/lib/candidates/export-candidate";

export const GET = withActor<{ id: string }>(
  async ({ actor, params }) => {
    const data = await exportCandidate(actor, params.id);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="candidate-${data.candidate.id}.json"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { permission: "candidates.write" },
);
