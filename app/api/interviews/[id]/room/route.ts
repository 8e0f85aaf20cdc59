// GET /api/interviews/:id/room — the room as the viewer may see it; POST — enter the room (creates the scorecard)
import { withActor } from "@/lib/api/route";
import { getRoomOrThrow } from "@/lib/scoring/get-room";
import { openRoom } from "@/lib/scoring/open-room";

export const dynamic = "force-dynamic";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => getRoomOrThrow(actor, params.id), { permission: "scoring.write" });

export const POST = withActor<{ id: string }>(async ({ actor, params }) => openRoom(actor, { interviewId: params.id }), { permission: "scoring.write" });
