// GET /api/interviews/:id/room/events — Server-Sent Events of the live panel: panel (with the interview status), progress, presence, heartbeat
import { withActor } from "@/lib/api/route";
import { roomEventStream } from "@/lib/live/room-event-stream";

export const dynamic = "force-dynamic";

export const GET = withActor<{ id: string }>(
  async ({ req, actor, params }) => roomEventStream(actor, { interviewId: params.id, signal: req.signal }),
  { permission: "scoring.write" },
);
