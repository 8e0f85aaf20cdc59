// GET /api/me/notifications/events — Server-Sent Events of my unread notification count (the bell): unread, heartbeat, end
import { withActor } from "@/lib/api/route";
import { notificationEventStream } from "@/lib/feedback/notification-event-stream";

export const dynamic = "force-dynamic";

export const GET = withActor(async ({ req, actor }) => notificationEventStream(actor, { signal: req.signal }));
