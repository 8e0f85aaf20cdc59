// GET /api/me/notifications/events[?organization=] — Server-Sent Events of my unread notification count (the bell): unread, heartbeat, end
import { parseQuery, withActor } from "@/lib/api/route";
import { notificationEventStream } from "@/lib/feedback/notification-event-stream";
import { bellStreamQuerySchema } from "@/lib/feedback/schemas";

export const dynamic = "force-dynamic";

export const GET = withActor(async ({ req, actor }) => {
  const { organization } = parseQuery(req, bellStreamQuerySchema);
  return notificationEventStream(actor, { organizationId: organization, signal: req.signal });
});
