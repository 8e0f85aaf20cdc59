// GET /api/lab-runs/:id/events — Server-Sent Events: snapshot, progress, status, done
import { withActor } from "@/lib/api/route";
import { labRunEventStream } from "@/lib/lab/lab-run-event-stream";

export const dynamic = "force-dynamic";

export const GET = withActor<{ id: string }>(async ({ req, actor, params }) => labRunEventStream(actor, { id: params.id, signal: req.signal }));
