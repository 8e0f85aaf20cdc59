// GET /api/interviews/:id/ics — the interview's calendar invite (.ics; a cancellation once cancelled)
import { withActor } from "@/lib/api/route";
import { getInterviewInvite } from "@/lib/interviews/get-interview-invite";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => {
  const invite = await getInterviewInvite(actor, params.id);
  return new Response(invite.content, {
    headers: {
      "Content-Type": `text/calendar; charset=utf-8; method=${invite.method}`,
      "Content-Disposition": `attachment; filename="${invite.filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
